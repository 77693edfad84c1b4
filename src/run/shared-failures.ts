/**
 * One framework bug is one finding (issue 10): a failure whose trace has no frame of the
 * app's own code (Quart's KeyError on an empty binary frame, raised on every route) and
 * whose signature failed on several routes is reported once, on the first of them, with
 * `alsoOn` naming the others; those keep their own bugs, and list the shared one in
 * `sharedFailures` so they still read as failed.
 */
import { innermostException } from '../judgement/trace-facts.js';
import type { FailureResult, RouteResult } from './results.js';

function frameworkLevel(f: FailureResult): boolean {
  return f.serverTrace !== undefined && f.signature !== undefined && innermostException(f.serverTrace).frame?.framework === true;
}

export function mergeSharedFailures(routes: RouteResult[]): RouteResult[] {
  const first = new Map<string, { route: RouteResult; failure: FailureResult }>();
  for (const route of routes) {
    for (const failure of route.failures) {
      if (!frameworkLevel(failure) || first.has(failure.signature!)) continue;
      first.set(failure.signature!, { route, failure });
    }
  }
  return routes.map((route) => {
    const shared: NonNullable<RouteResult['sharedFailures']> = [];
    const failures = route.failures.flatMap((failure) => {
      const owner = frameworkLevel(failure) ? first.get(failure.signature!) : undefined;
      if (!owner || owner.route === route) return [failure];
      owner.failure.alsoOn = [...(owner.failure.alsoOn ?? []), route.path];
      shared.push({ signature: failure.signature!, reportedOn: owner.route.path });
      return [];
    });
    return shared.length ? { ...route, failures, sharedFailures: shared } : route;
  });
}
