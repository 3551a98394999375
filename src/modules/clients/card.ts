import type { Db } from '../../db/connection.js';
import { ClientComments } from './comments.js';
import { ClientTasks } from './tasks.js';
import { ClientTimeline } from './timeline.js';

/**
 * What staff read and add on a client card, one service per job: the timeline (timeline.ts), comments
 * with @mentions (comments.ts), tasks and due reminders (tasks.ts). This only routes the calls.
 */
export class ClientCard {
  readonly timelines: ClientTimeline;
  readonly comments: ClientComments;
  readonly taskList: ClientTasks;

  constructor(db: Db, clock: { now(): Date }) {
    this.timelines = new ClientTimeline(db);
    this.comments = new ClientComments(db, clock);
    this.taskList = new ClientTasks(db, clock);
  }

  timeline: ClientTimeline['timeline'] = (...args) => this.timelines.timeline(...args);
  comment: ClientComments['comment'] = (...args) => this.comments.comment(...args);
  tasks: ClientTasks['tasks'] = (...args) => this.taskList.tasks(...args);
  addTask: ClientTasks['addTask'] = (...args) => this.taskList.addTask(...args);
  completeTask: ClientTasks['completeTask'] = (...args) => this.taskList.completeTask(...args);
  notifyDueTasks: ClientTasks['notifyDueTasks'] = () => this.taskList.notifyDueTasks();
}
