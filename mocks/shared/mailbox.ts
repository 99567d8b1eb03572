import { randomUUID } from 'node:crypto';
import type { MockClock } from './clock';

export interface Mail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  created: Date;
}

/** The mail the mocks send (codes, confirmation and recovery links), kept in memory until cleared. */
export class Mailbox {
  readonly #mails: Mail[] = [];

  constructor(private readonly clock: MockClock) {}

  // Assumption MB-003 (specs/assumptions.yaml)
  // Assumption MB-004 (specs/assumptions.yaml)
  send(mail: Omit<Mail, 'id' | 'created'>): Mail {
    const stored = { ...mail, id: randomUUID(), created: this.clock.date() };
    this.#mails.push(stored);
    return stored;
  }

  /** Newest first, as Mailpit lists them. */
  list(): Mail[] {
    return [...this.#mails].reverse();
  }

  get(id: string): Mail | undefined {
    return this.#mails.find((mail) => mail.id === id);
  }

  delete(ids: string[]): void {
    const gone = new Set(ids);
    this.#mails.splice(0, this.#mails.length, ...this.#mails.filter((mail) => !gone.has(mail.id)));
  }

  clear(): void {
    this.#mails.length = 0;
  }
}
