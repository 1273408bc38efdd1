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

interface NunjucksFrame {
  variables: Record<string, unknown>;
  set: (this: NunjucksFrame, name: string, value: unknown, resolveUp?: boolean) => void;
  resolve(name: string, forWrite?: boolean): NunjucksFrame | undefined;
}

/** How many variable names `fasterRuntime` keeps split: every name a template sets is in its code. */
const KEPT_NAMES = 10_000;

const frameClass = (nunjucks.runtime as unknown as { Frame: { prototype: NunjucksFrame } }).Frame.prototype;
const nunjucksSet = frameClass.set;
const lib = nunjucks.lib as unknown as { escape: (text: string) => string; extend: (target: object | undefined, source: object | undefined) => object };
const nunjucksEscape = lib.escape;
const nunjucksExtend = lib.extend;
let runtimeFaster = false;
const isEmptyObject = (value: object) => Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
/** A character Nunjucks' `escape` replaces (its own list). */
const ESCAPED = /[&"'<>\\]/;

/**
 * Two steps of Nunjucks' runtime that every page takes a thousand times, made cheaper.
 *
 * Escaping: every value a page prints goes through `lib.escape`, a global replace with a
 * function; most values have nothing to escape, and are returned as they are after one test.
 *
 * Variables: Nunjucks sets every variable, macro argument and loop value through `Frame.set`, which
 * splits the name on "." every time (so that `loop.index` is set inside `loop`): some 1,300
 * splits for the sign-in page, a quarter of its render. Here each name is split once and kept;
 * the rest is Nunjucks' own `set`, step for step. The names are the ones written in the
 * compiled templates, so they are few.
 *
 * Copying a context: each template, include and import a page runs starts a context by copying
 * every name of the page's data with `lib.extend({}, data)`, a loop testing each name as it goes.
 * Here the copy is a spread (`{ ...data }`): the same own enumerable names, in order, made at
 * once in the data's own shape. Adding the names one by one, as the loop and `Object.assign`
 * do, leaves a copy of the layout's twenty-eight names in V8's slow dictionary form, which every
 * include then copies and reads slowly again; a spread keeps each copy a plain fast object. With
 * it a councillor’s home page served about 13% more requests a second. Any
 * other call (a target that already has names) still assigns into the target, as Nunjucks' does.
 * One difference, on purpose: a name `__proto__` in the data stays a name, where Nunjucks' copy
 * would make its value the context's prototype. Concord's page data is written in code and has
 * no such name; a context whose prototype came from data would be a way in.
 *
 * Nunjucks has one runtime, shared by every environment in the process, so this changes it once
 * for all of them. It renders the same bytes (src/web/render.test.ts renders pages with it and
 * with `asNunjucksComes`; src/web/view-speed.test.ts).
 */
export function fasterRuntime(): void {
  if (runtimeFaster) return;
  runtimeFaster = true;
  lib.escape = (text) => (ESCAPED.test(text) ? nunjucksEscape(text) : text);
  lib.extend = (target, source) => (target === undefined || isEmptyObject(target) ? { ...source } : Object.assign(target, source));
  const split = new Map<string, string[]>();
  frameClass.set = function (this: NunjucksFrame, name, value, resolveUp) {
    let parts = split.get(name);
    if (!parts) {
      parts = name.split('.');
      if (split.size < KEPT_NAMES) split.set(name, parts);
    }
    if (resolveUp) {
      const owner = this.resolve(parts[0]!, true);
      if (owner) return owner.set(name, value);
    }
    let variables = this.variables;
    for (let i = 0; i < parts.length - 1; i++) {
      const id = parts[i]!;
      if (!variables[id]) variables[id] = {};
      variables = variables[id] as Record<string, unknown>;
    }
    variables[parts[parts.length - 1]!] = value;
  };
}

/**
 * `render()` with Nunjucks' runtime as it comes, for the environment that checks Concord's
 * renders against Nunjucks' own. A render without a callback runs to its end before it
 * returns, so nothing else renders meanwhile.
 */
export function asNunjucksComes<T>(render: () => T): T {
  const faster = { set: frameClass.set, escape: lib.escape, extend: lib.extend };
  frameClass.set = nunjucksSet;
  lib.escape = nunjucksEscape;
  lib.extend = nunjucksExtend;
  try {
    return render();
  } finally {
    frameClass.set = faster.set;
    lib.escape = faster.escape;
    lib.extend = faster.extend;
  }
}
