import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethods } from '../../shared/api-contract';
import { ipcChannel } from '../../shared/api-names';
import type { Backend } from '../backend/backend';

/**
 * One IPC handler per API method. A call is answered only when it comes from the app's own page (its frame's
 * origin is one of `trustedOrigins`); the payload goes to the backend as `unknown`, to be parsed there.
 */
export function registerApiHandlers(backend: Backend, trustedOrigins: readonly string[]): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), (event, payload: unknown) => {
      if (!isTrustedSender(event, trustedOrigins)) {
        return { ok: false, error: { code: 'invalid-request', message: 'Calls are accepted from the app only.' } };
      }
      // Each window (its web contents) keeps an undo history of its own.
      return trackCall(backend(method, payload, `window-${event.sender.id}`));
    });
  }
}

const inFlight = new Set<Promise<unknown>>();

/** Counts `call` among the calls under way until it settles; returns it. */
export function trackCall<T>(call: Promise<T>): Promise<T> {
  inFlight.add(call);
  void call.finally(() => inFlight.delete(call)).catch(() => undefined);
  return call;
}

/** Resolves once every call under way has been answered (its change written), e.g. before the app quits. */
export async function whenIdle(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** The number of calls under way. */
export function callsInFlight(): number {
  return inFlight.size;
}

export function isTrustedSender(event: IpcMainInvokeEvent, trustedOrigins: readonly string[]): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    // Not URL.origin: Node gives "null" as the origin of a custom scheme such as app://.
    const { protocol, host } = new URL(url);
    return trustedOrigins.includes(`${protocol}//${host}`);
  } catch {
    return false;
  }
}
