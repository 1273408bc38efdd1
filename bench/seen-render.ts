import nunjucks from 'nunjucks';

/**
 * The last template Concord rendered and the context it was given: every render is seen, so a
 * bench can render the same page again, or serve it from a bare route, with the same context.
 * Importing this module starts the watch.
 */
export const seen: { template?: string; context?: object } = {};

const prototype = nunjucks.Environment.prototype as unknown as { render: (this: nunjucks.Environment, name: string, context?: object) => string };
const originalRender = prototype.render;
prototype.render = function (this: nunjucks.Environment, name: string, context?: object): string {
  seen.template = name;
  seen.context = context;
  return originalRender.call(this, name, context);
};

/** Renders go on unwatched: for timing Nunjucks itself. */
export function stopSeeing(): void {
  prototype.render = originalRender;
}
