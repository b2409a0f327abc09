/**
 * The built-in columns of an event, by the names the core sorts by and the table shows. Any other column
 * name is a dimension's. Adding a column is an entry here, and the app's table then asks for its cell.
 */
export const EVENT_COLUMNS = [
  'time',
  'device',
  'code',
  'message',
  'category',
  'stage',
  'cause',
  'count',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

export function isEventColumn(name: string): name is EventColumn {
  return (EVENT_COLUMNS as readonly string[]).includes(name);
}
