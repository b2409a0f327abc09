/**
 * The rollout gate on `summarize`: --fail-above 5%, --max 1404=0.5%, --max cause:network=2%,
 * --min-operations N. Exit 1 when a limit is passed, saying which, by how much, and the findings behind it.
 */
import type { SummaryFinding, SummaryJson } from '../report/summary.ts';
import { printable } from './terminal-text.ts';

/** A limit on a share of the operations: all failures, one code's, one cause's or one stage's. */
export interface RateLimit {
  /** What is limited: every failure, or the failures of one code (label), cause or stage. */
  subject: { kind: 'failures' } | { kind: 'code'; label: string } | { kind: 'cause' | 'stage'; name: string };
  /** The largest share of the operations allowed (0.05 for 5%). */
  limit: number;
  /** The limit as the user wrote it, for messages. */
  text: string;
}

export interface Gate {
  limits: RateLimit[];
  /** Fewer operations than this and the gate cannot judge: it fails. */
  minOperations: number | null;
}

/** A gate option the user got wrong: exit 2 with this message. */
export class GateSyntaxError extends Error {}

/** "5%" → 0.05; a number without "%" is refused, so that 5 cannot be read as 500%. */
export function parsePercent(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  if (!m) throw new GateSyntaxError(`${option} needs a percentage like 5% or 0.5%, not "${text}"`);
  const value = Number(m[1]) / 100;
  if (value > 1) throw new GateSyntaxError(`${option}: ${text} is more than 100%`);
  return value;
}

/** The gate the options ask for; null when none is asked. */
export function parseGate(options: {
  failAbove?: string | undefined;
  max?: readonly string[] | undefined;
  minOperations?: string | undefined;
}): Gate | null {
  const limits: RateLimit[] = [];
  if (options.failAbove !== undefined) {
    const limit = parsePercent('--fail-above', options.failAbove);
    limits.push({ subject: { kind: 'failures' }, limit, text: options.failAbove.trim() });
  }
  for (const spec of options.max ?? []) {
    const at = spec.lastIndexOf('=');
    const what = spec.slice(0, at).trim();
    if (at <= 0 || what === '') {
      throw new GateSyntaxError(
        `--max needs CODE=PERCENT, cause:NAME=PERCENT or stage:NAME=PERCENT, not "${spec}"`,
      );
    }
    const limit = parsePercent(`--max ${what}`, spec.slice(at + 1));
    const [kind, name] = what.includes(':')
      ? [what.slice(0, what.indexOf(':')), what.slice(what.indexOf(':') + 1)]
      : ['', what];
    const subject: RateLimit['subject'] =
      kind === ''
        ? { kind: 'code', label: name }
        : kind === 'cause' || kind === 'stage'
          ? { kind, name }
          : invalid(what);
    limits.push({ subject, limit, text: spec.slice(at + 1).trim() });
  }
  let minOperations: number | null = null;
  if (options.minOperations !== undefined) {
    minOperations = Number(options.minOperations);
    if (!Number.isInteger(minOperations) || minOperations < 0) {
      throw new GateSyntaxError(`--min-operations needs a whole number, not "${options.minOperations}"`);
    }
  }
  return limits.length === 0 && minOperations === null ? null : { limits, minOperations };
}

function invalid(what: string): never {
  throw new GateSyntaxError(`--max: "${what}" is neither a code nor cause:NAME nor stage:NAME`);
}

/** What the gate found: passed, or the limits passed with a message each. */
export interface GateVerdict {
  passed: boolean;
  /** One paragraph per limit passed: which, by how much, and the top findings behind it. */
  messages: string[];
}

const percent = (r: number) => `${(r * 100).toFixed(2)}%`;
const count = (n: number) => n.toLocaleString('en-US');
/** Findings quoted behind a limit passed. */
const BEHIND = 3;

export function checkGate(summary: SummaryJson, gate: Gate): GateVerdict {
  const operations = summary.totals.operations;
  const messages: string[] = [];
  if (gate.minOperations !== null && operations < gate.minOperations) {
    messages.push(
      `too few operations to judge: ${count(operations)}, and the gate needs at least ${count(gate.minOperations)} (--min-operations)`,
    );
  }
  for (const limit of gate.limits) {
    const failures = failuresOf(summary, limit.subject);
    const rate = operations === 0 ? 0 : failures / operations;
    if (rate <= limit.limit) continue;
    const name = subjectName(limit.subject);
    const lines = [
      `${name}: ${percent(rate)} of operations, above the ${limit.text} limit by ${((rate - limit.limit) * 100).toFixed(2)} points ` +
        `(${count(failures)} of ${count(operations)})`,
    ];
    const behind = findingsBehind(summary.findings, limit.subject).slice(0, BEHIND);
    for (const f of behind) lines.push(`  behind it: ${printable(f.text)}`);
    if (behind.length === 0)
      lines.push('  no finding stands out: the failures are spread evenly over the dimensions');
    messages.push(lines.join('\n'));
  }
  return { passed: messages.length === 0, messages };
}

function subjectName(subject: RateLimit['subject']): string {
  if (subject.kind === 'failures') return 'failure rate';
  if (subject.kind === 'code') return `code ${printable(subject.label)}`;
  return `${subject.kind} ${printable(subject.name)}`;
}

/** Failures of the subject in the summary's codes. */
function failuresOf(summary: SummaryJson, subject: RateLimit['subject']): number {
  return summary.byCode
    .filter((c) => c.outcome === 'failure')
    .filter((c) => {
      if (subject.kind === 'failures') return true;
      if (subject.kind === 'code') return c.label === subject.label;
      return subject.kind === 'cause' ? c.cause === subject.name : c.stage === subject.name;
    })
    .reduce((sum, c) => sum + c.count, 0);
}

/** The findings that explain a limit: those of its code or cause, else (failures, stages) all of them. */
function findingsBehind(
  findings: readonly SummaryFinding[],
  subject: RateLimit['subject'],
): SummaryFinding[] {
  if (subject.kind === 'code') return findings.filter((f) => 'code' in f && String(f.code) === subject.label);
  if (subject.kind === 'cause') return findings.filter((f) => 'cause' in f && f.cause === subject.name);
  return [...findings];
}
