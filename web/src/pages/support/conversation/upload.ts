import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import type { AttachmentView } from '../../../../../src/shared/contracts/support';

/** What the server takes (attachments/store.ts sniffs the content; this only guides the file picker). */
export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,.docx,.xlsx,.txt,.csv,.log,text/plain,text/csv';

export interface Upload {
  key: string;
  file: File;
  /** 0…1 while sending. */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  attachment?: AttachmentView;
  error?: ApiError;
}

/**
 * Sends one file to the conversation's upload route with progress (fetch cannot report it, hence
 * XMLHttpRequest). Same-origin, so the session cookie goes with it; a refusal is the server's ApiError.
 */
export function uploadAttachment(
  conversationId: string,
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<AttachmentView>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<AttachmentView>((resolve, reject) => {
    xhr.open('POST', `/api/support/conversations/${encodeURIComponent(conversationId)}/attachments`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Record<string, unknown>;
      if (xhr.status === 201) return resolve(body as unknown as AttachmentView);
      reject(
        new ApiError(
          xhr.status,
          typeof body.code === 'string' ? body.code : `http_${xhr.status}`,
          typeof body.message === 'string' ? body.message : xhr.statusText,
          typeof body.field === 'string' ? body.field : undefined,
          body,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

let seq = 0;

/** The composer's files: each uploads at once, shows its progress or its refusal, and can be removed. */
export function useUploads(conversationId: string) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const aborts = useRef(new Map<string, () => void>());
  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `u${++seq}`;
        setUploads((list) => [...list, { key, file, progress: 0, state: 'uploading' }]);
        const { promise, abort } = uploadAttachment(conversationId, file, (progress) =>
          patch(key, { progress }),
        );
        aborts.current.set(key, abort);
        promise
          .then((attachment) => patch(key, { state: 'done', progress: 1, attachment }))
          .catch((error: ApiError) => {
            if (error.code !== 'aborted') patch(key, { state: 'failed', error });
          })
          .finally(() => aborts.current.delete(key));
      }
    },
    [conversationId],
  );
  const remove = (key: string) => {
    aborts.current.get(key)?.();
    setUploads((list) => list.filter((u) => u.key !== key));
  };
  const clear = () => {
    for (const abort of aborts.current.values()) abort();
    setUploads([]);
  };
  return {
    uploads,
    add,
    remove,
    clear,
    busy: uploads.some((u) => u.state === 'uploading'),
    attachmentIds: uploads.flatMap((u) => (u.attachment ? [u.attachment.id] : [])),
  };
}
