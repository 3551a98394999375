import { Select, type SelectProps } from '@mantine/core';
import { useTeamOptions } from '../api/teams';

/** A form's team picker: the teams by name, searchable. */
export function TeamSelect(props: Omit<SelectProps, 'data' | 'searchable'>) {
  return <Select data={useTeamOptions()} searchable {...props} />;
}
