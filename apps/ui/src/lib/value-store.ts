type Listener = () => void;

/** A tiny external store holding one immutable value, for `useSyncExternalStore`. */
export class ValueStore<T> {
  private readonly listeners = new Set<Listener>();

  constructor(private value: T) {}

  readonly get = (): T => this.value;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the value; listeners run only when it is a different value. */
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    this.listeners.forEach((listener) => listener());
  }
}
