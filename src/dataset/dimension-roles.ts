/**
 * Which of the data's dimensions plays a role the views name: the device model and the download server.
 * One rule for every caller (the triage view's breakdowns, the Overview's first dimension), decided by the
 * column names alone.
 */

export interface DimensionRoles {
  /** The device model (model, device_type, hardware…); null when no name says so. */
  model: string | null;
  /** The download server (server, host, cdn, mirror, url…); null when no name says so. */
  server: string | null;
}

/**
 * Per role, patterns in order of preference: the first pattern any name matches wins, and among the names
 * it matches the first in the data's order. So `model` beats an earlier `hw_rev`.
 */
const ROLE_PATTERNS: { readonly [R in keyof DimensionRoles]: readonly RegExp[] } = {
  model: [/model/i, /device_?type|hardware|hw/i],
  server: [/server|host|cdn|mirror|url/i],
};

export function dimensionRoles(names: readonly string[]): DimensionRoles {
  return { model: firstMatch(names, ROLE_PATTERNS.model), server: firstMatch(names, ROLE_PATTERNS.server) };
}

function firstMatch(names: readonly string[], patterns: readonly RegExp[]): string | null {
  for (const pattern of patterns) {
    const name = names.find((n) => pattern.test(n));
    if (name !== undefined) return name;
  }
  return null;
}

/** Names that say which software component a record is about, and which operation on it. */
const COMPONENT_PATTERN = /component|module|artifact|^package$|package_?(name|id)/i;
const OPERATION_PATTERN = /operation|action|command/i;

/** The dimension that names the operation (download, install, activate…); null when no name says so. */
export function operationDimension(names: readonly string[]): string | null {
  return names.find((n) => OPERATION_PATTERN.test(n)) ?? null;
}

/**
 * The dimensions that tell one attempt's subject from another's on the same device — the component and the
 * operation — so that a failed activate is not answered by a later successful download.
 */
export function attemptKeys(names: readonly string[]): string[] {
  const component = names.find((n) => COMPONENT_PATTERN.test(n));
  const operation = operationDimension(names);
  return [component, operation].filter((n): n is string => n !== undefined && n !== null);
}
