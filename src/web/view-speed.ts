import nunjucks from 'nunjucks';

/**
 * What makes a page's render cheap, without changing a byte of what it renders (src/web/render.test.ts
 * renders pages both ways and compares). Nunjucks, as it comes, does the same work again on every
 * render: each govuk-frontend component is a macro that includes its template, which imports
 * `govukAttributes`; each import finds its template by resolving a path against every loader,
 * then runs the imported template to collect its macros. A page of a dozen components did this
 * some forty times.
 */

type Callback = (err: Error | null, result?: unknown) => void;

/** What of a Nunjucks template is used here (its typings do not describe `getExported`). */
interface LoadedTemplate {
  path?: string;
  compile(): void;
  getExported(ctx?: object | Callback, parentFrame?: unknown, cb?: Callback): void;
}

type GetTemplate = (name: unknown, eagerCompile?: unknown, parentName?: unknown, ignoreMissing?: unknown, cb?: unknown) => LoadedTemplate | undefined | void;

/**
 * Each template found once by the name asked for and the template that asks (relative names
 * such as "./template.njk" depend on it), and each template's macros collected once when it is
 * imported without context. Nunjucks keeps its compiled templates itself (the loader is not
 * watching), so nothing here can go stale; an import `with context` is run each time, as it
 * must be, since what it exports may depend on the page.
 */
export function rememberTemplates(env: nunjucks.Environment): void {
  const found = new Map<unknown, Map<string, LoadedTemplate>>();
  const target = env as unknown as { getTemplate: GetTemplate };
  const load = target.getTemplate;
  target.getTemplate = function (name, eagerCompile, parentName, ignoreMissing, cb) {
    // Nunjucks' own optional arguments: (name, cb), (name, eagerCompile, cb).
    if (typeof parentName === 'function') {
      cb = parentName;
      parentName = null;
    }
    if (typeof eagerCompile === 'function') {
      cb = eagerCompile;
      eagerCompile = false;
    }
    if (typeof name !== 'string') return load.call(env, name, eagerCompile, parentName, ignoreMissing, cb);
    let byName = found.get(parentName);
    if (!byName) found.set(parentName, (byName = new Map()));
    let template = byName.get(name);
    if (!template) {
      try {
        template = load.call(env, name, eagerCompile, parentName, ignoreMissing) as LoadedTemplate;
      } catch (error) {
        if (typeof cb === 'function') return (cb as Callback)(error as Error);
        throw error;
      }
      // A missing template asked for with `ignore missing` is an empty one with no path: not kept.
      if (template.path) {
        rememberExports(template);
        byName.set(name, template);
      }
    } else if (eagerCompile) template.compile();
    if (typeof cb === 'function') return (cb as Callback)(null, template);
    return template;
  };
}

const exportsRemembered = new WeakSet<LoadedTemplate>();

/**
 * A template imported without context sees only the environment's globals, so what it exports
 * (its macros) is the same every time: it is run once. Its macros keep no state between calls
 * (each call makes its own frame, and a template it includes gets its own copy of the context).
 */
function rememberExports(template: LoadedTemplate): void {
  if (exportsRemembered.has(template)) return;
  exportsRemembered.add(template);
  const getExported = template.getExported.bind(template);
  let exported: unknown;
  template.getExported = (ctx, parentFrame, cb) => {
    // `{% from x import y with context %}` passes the page's variables and frame.
    if (typeof ctx !== 'function' || parentFrame !== undefined) return getExported(ctx, parentFrame, cb);
    if (exported) return ctx(null, exported);
    getExported((err, result) => {
      if (!err) exported = result;
      ctx(err, result);
    });
  };
}

/**
 * Nunjucks' `trim` filter strips with a regular expression that tries the end at every
 * character; govuk-frontend trims whole components with it (the page template trims its whole
 * header). `String.prototype.trim` strips the same characters, in a fraction of the time.
 * Anything but text goes to Nunjucks' own, which is what decides what becomes of it.
 */
export function fasterTrim(builtin: (value: unknown) => unknown): (value: unknown) => unknown {
  return (value) => {
    if (typeof value === 'string') return value.trim();
    if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(String(value).trim());
    return builtin(value);
  };
}

/** How many pieces of markup `sameFor` keeps: a few per council, role, section and language in use. */
const KEPT_MARKUP = 1000;

/**
 * `sameFor(name, macro, params)`: the macro's markup for these parameters, made once and kept.
 * For parts of the layout that every page draws from a few inputs (the service navigation:
 * the council's name, the person's navigation, the section, the language). The parameters are
 * the key, so a council renamed or a different role gets its own markup, and nothing reaches
 * the markup that is not in the key: never pass anything of one person's (their name, a token).
 * A govuk-frontend macro's markup depends only on its parameters; one that reads the page's
 * context must not be kept this way.
 */
export function markupKeeper(): (this: unknown, name: string, macro: (params: unknown) => unknown, params: unknown) => nunjucks.runtime.SafeString {
  const kept = new Map<string, string>();
  return function (name, macro, params) {
    const key = `${name}\n${JSON.stringify(params)}`;
    let html = kept.get(key);
    if (html === undefined) {
      html = String(macro.call(this, params));
      if (kept.size >= KEPT_MARKUP) kept.delete(kept.keys().next().value!);
    } else kept.delete(key);
    // Last used last: the one dropped when full is the one used longest ago.
    kept.set(key, html);
    return new nunjucks.runtime.SafeString(html);
  };
}
