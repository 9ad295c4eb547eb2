/**
 * Later module-level assignments of a parameter's variable: the value a user sets is injected
 * right after the defining cell, so a later `lr = 0.5` wins from there on. Guild AI users lose
 * their override silently that way (guildai#442); the parameters form points it out instead.
 */
import { moduleStatements } from './statements';
import type { IParsedScript, IScriptParameter } from './types';

const NAME = '[\\p{L}_][\\p{L}\\p{N}_]*';

/**
 * `lr = ...`, `lr: float = ...`, `lr += ...` (every augmented operator), `a, lr = ...`, and
 * the first target of a chained `lr = other = ...`. `==` and comparisons are not assignments.
 */
const ASSIGNMENT = new RegExp(
  `^(${NAME}(?:[ \\t]*,[ \\t]*${NAME})*)[ \\t]*,?[ \\t]*(?::[^=\\n]*)?(?:=(?!=)|(?:\\*\\*|//|>>|<<|[-+*/%&|^@])=)`,
  'u'
);
/** `for lr in ...`, `for i, (a, lr) in ...`, `async for lr in ...`. */
const FOR_LOOP = /^(?:async[ \t]+)?for[ \t]+([^\n]+?)[ \t]+in\b/u;
const SEPARATORS = /[\s,()[\]*]+/u;
/** A statement that starts with a keyword is not an assignment to that word. */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' '
  )
);

/** The names a module-level statement assigns (empty when it assigns none we can tell). */
export function assignedNames(statement: string): string[] {
  const loop = FOR_LOOP.exec(statement);
  if (loop) {
    return loop[1].split(SEPARATORS).filter(name => name !== '');
  }
  const assignment = ASSIGNMENT.exec(statement);
  if (!assignment) {
    return [];
  }
  const names = assignment[1].split(/[ \t]*,[ \t]*/u);
  return KEYWORDS.has(names[0]) ? [] : names;
}

/**
 * For each parameter whose variable the script assigns again later at module level (column
 * 0, outside strings, in any code cell after the defining statement), the 1-based lines of
 * those assignments in script order. Parameters assigned only once are absent.
 */
export function findReassignments(
  script: IParsedScript,
  parameters: readonly IScriptParameter[]
): Map<string, number[]> {
  const byVariable = new Map<string, IScriptParameter[]>();
  for (const parameter of parameters) {
    const list = byVariable.get(parameter.variable) ?? [];
    list.push(parameter);
    byVariable.set(parameter.variable, list);
  }
  const found = new Map<string, number[]>();
  if (byVariable.size === 0) {
    return found;
  }
  for (const cell of script.cells) {
    if (cell.type !== 'code') {
      continue;
    }
    for (const statement of moduleStatements(cell.source)) {
      const line = cell.firstLine + statement.line;
      for (const name of assignedNames(statement.text)) {
        for (const parameter of byVariable.get(name) ?? []) {
          if (line > parameter.line) {
            const lines = found.get(parameter.name) ?? [];
            if (lines[lines.length - 1] !== line) {
              lines.push(line);
            }
            found.set(parameter.name, lines);
          }
        }
      }
    }
  }
  return found;
}
