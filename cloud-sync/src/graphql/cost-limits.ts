import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * What one GraphQL request may select. Depth is limited by mercurius's own `queryDepth`; aliases and
 * fields are counted here, because 600 aliases of `sales` are 600 report queries in one request
 * (measured: 2.2 s of a cloud node) while each is one field at depth 1. Without aliases a field
 * with other arguments cannot be repeated, so aliases also bound the report queries per request.
 */
export interface CostLimits {
  maxAliases: number;
  maxFields: number;
}

export interface OperationCost {
  fields: number;
  aliases: number;
}

/**
 * Counts the fields and aliases one operation selects, a fragment counted each time it is spread
 * (that is what execution does). Stops as soon as `stopAbove` is passed, so a document whose
 * fragments spread each other many times over costs no more to count than the limit allows.
 * Fragment cycles are skipped here (GraphQL's own rules refuse them).
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragmentOf: (name: string) => FragmentDefinitionNode | null | undefined,
  stopAbove: OperationCost,
): OperationCost {
  const cost: OperationCost = { fields: 0, aliases: 0 };
  const over = () => cost.fields > stopAbove.fields || cost.aliases > stopAbove.aliases;
  const visit = (set: SelectionSetNode, spreading: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (over()) return;
      if (selection.kind === Kind.FIELD) {
        cost.fields++;
        if (selection.alias) cost.aliases++;
        if (selection.selectionSet) visit(selection.selectionSet, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragmentOf(name);
        if (fragment && !spreading.has(name)) visit(fragment.selectionSet, new Set([...spreading, name]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return cost;
}

/**
 * What is wrong with a document's cost, one sentence per limit it passes (empty when it is fine).
 * Checked before GraphQL's own validation, whose rule on overlapping fields takes time that grows
 * with the square of the fields (measured: 400 ms for 64 KB of one field repeated).
 */
export function costProblems(document: DocumentNode, limits: CostLimits): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let aliases = false;
  let fields = false;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const cost = operationCost(definition, (name) => fragments.get(name), { fields: limits.maxFields, aliases: limits.maxAliases });
    aliases ||= cost.aliases > limits.maxAliases;
    fields ||= cost.fields > limits.maxFields;
  }
  const problems: string[] = [];
  if (aliases) {
    problems.push(
      `This query uses more than ${limits.maxAliases} aliases; the cloud answers at most ${limits.maxAliases} per request (GRAPHQL_MAX_ALIASES). Ask for fewer reports at once, or split the query into several requests.`,
    );
  }
  if (fields) {
    problems.push(
      `This query selects more than ${limits.maxFields} fields; the cloud answers at most ${limits.maxFields} per request (GRAPHQL_MAX_FIELDS), counting a fragment each time it is used. Split the query into several requests.`,
    );
  }
  return problems;
}
