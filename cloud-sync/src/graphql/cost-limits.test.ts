import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costProblems, operationCost } from './cost-limits.ts';

const limits = { maxAliases: 3, maxFields: 20 };
const errorsOf = (query: string) => costProblems(parse(query), limits);
const sales = 'sales(from: "2026-06-01", to: "2026-06-01")';

describe('GraphQL cost limits', () => {
  it('counts fields and aliases, a fragment each time it is spread', () => {
    const document = parse(`
      query { a: ${sales} { ...F } b: ${sales} { ...F byDay { day } } }
      fragment F on SalesReport { orders total: grossMinor ...G }
      fragment G on SalesReport { currency }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fragments = new Map(document.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
    // a, b; orders, total, currency twice; byDay, day
    expect(operationCost(operation, (name) => fragments.get(name), { fields: 100, aliases: 100 })).toEqual({ fields: 10, aliases: 4 });
  });

  it('stops counting once over the limit, so fragments spread inside each other cost nothing extra to refuse', () => {
    // Each level spreads the one below twice: 2^20 fields if it were counted to the end.
    const levels = Array.from({ length: 20 }, (_, i) => `fragment L${i} on SalesReport { ${i === 19 ? 'orders' : `...L${i + 1} ...L${i + 1}`} }`);
    const document = parse(`query { ${sales} { ...L0 } } ${levels.join(' ')}`);
    const fragments = new Map(document.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
    const cost = operationCost(document.definitions[0] as OperationDefinitionNode, (name) => fragments.get(name), { fields: 20, aliases: 3 });
    expect(cost.fields).toBe(21);
  });

  it('lets a query at the limits through and names the limit a bigger one passes', () => {
    expect(errorsOf(`{ a: ${sales} { orders } b: ${sales} { orders } c: ${sales} { orders } }`)).toEqual([]);
    expect(errorsOf(`{ a: ${sales} { orders } b: ${sales} { orders } c: ${sales} { orders } d: ${sales} { orders } }`)).toEqual([
      expect.stringMatching(/^This query uses more than 3 aliases; .* \(GRAPHQL_MAX_ALIASES\)/),
    ]);
    expect(errorsOf(`{ ${sales} { ${'orders '.repeat(19)} } }`)).toEqual([]);
    expect(errorsOf(`{ ${sales} { ${'orders '.repeat(20)} } }`)).toEqual([expect.stringMatching(/^This query selects more than 20 fields; .* \(GRAPHQL_MAX_FIELDS\)/)]);
  });

  it('names both limits when both are passed, for any operation of the document', () => {
    const aliased = Array.from({ length: 4 }, (_, i) => `a${i}: ${sales} { orders }`).join(' ');
    expect(errorsOf(`query Small { ${sales} { orders } } query Aliased { ${aliased} } query Wide { ${sales} { ${'orders '.repeat(25)} } }`)).toEqual([
      expect.stringMatching(/GRAPHQL_MAX_ALIASES/),
      expect.stringMatching(/GRAPHQL_MAX_FIELDS/),
    ]);
  });

  it('does not loop on a fragment cycle (GraphQL\'s own rules refuse it later)', () => {
    const query = `{ ${sales} { ...A } } fragment A on SalesReport { orders ...B } fragment B on SalesReport { grossMinor ...A }`;
    expect(errorsOf(query)).toEqual([]);
  });
});
