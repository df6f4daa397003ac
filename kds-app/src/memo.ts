/**
 * `memo` without pulling in preact/compat (which patches global options for React libraries we do
 * not use): a component that renders again only when a prop changes by identity.
 */
import { Component, h, type ComponentChild, type FunctionComponent } from 'preact';

function shallowEqual(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

export function memo<P extends object>(Inner: FunctionComponent<P>): FunctionComponent<P> {
  class Memoised extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }

    override render(props: P): ComponentChild {
      return h(Inner, props);
    }
  }
  return Memoised as unknown as FunctionComponent<P>;
}
