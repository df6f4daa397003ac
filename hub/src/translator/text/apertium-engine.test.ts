import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApertiumEngine } from './apertium-engine.ts';
import { readMarked } from './marked-text.ts';
import { TextEngineError, type TextEngineFailure } from './text-engine.ts';
import { fakeApertium, isRunning, readPid, tempDir } from '../../../test/support/text-translation.ts';

async function failureOf(promise: Promise<unknown>): Promise<{ reason: TextEngineFailure; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TextEngineError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected the translation to fail');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

describe('ApertiumEngine with the installed apertium-eng-spa', () => {
  const engine = new ApertiumEngine();

  it('finds the installed pairs and skips the US-English variant of spa-eng', () => {
    expect(engine.problem()).toBeNull();
    expect(engine.pairs()).toEqual([
      { from: 'en', to: 'es' },
      { from: 'es', to: 'en' },
    ]);
    expect(engine.modes().map((mode) => mode.name)).toEqual(['eng-spa', 'spa-eng']);
  });

  it('translates English to Spanish and back', async () => {
    expect(await engine.translate('Where is the bathroom?', 'en', 'es')).toContain('baño');
    expect(await engine.translate('¿Dónde está el baño?', 'es', 'en')).toMatch(/^Where .*bath/);
    expect(await engine.translate('Mi habitación está sucia.', 'es', 'en')).toContain('room');
  });

  it('marks the words it could not translate, and keeps typed marks apart from its own', async () => {
    const marked = await engine.translate('I love my blorptastic cheesecake. *Five* stars @home', 'en', 'es');
    expect(marked).toContain('*blorptastic *cheesecake');
    expect(marked).toContain('\\*');
    const read = readMarked(marked);
    expect(read.untranslatedWords).toEqual(['blorptastic', 'cheesecake']);
    expect(read.text).toMatch(/blorptastic cheesecake\. \*.*\*.*@/);
    const spanish = readMarked(await engine.translate('Tengo alergia a las nueces. ¿Hay zorblax en la tarta?', 'es', 'en'));
    expect(spanish).toMatchObject({ partial: true, untranslatedWords: ['zorblax'] });
    expect(spanish.text).toContain('walnuts');
  });

  it('refuses a pair that is not installed', async () => {
    expect(await failureOf(engine.translate('Bonjour', 'fr', 'es'))).toEqual({ reason: 'unsupported_pair', message: 'Apertium has no fr→es pair installed.' });
  });

  it('brings back the characters of its stream format as typed', async () => {
    const text = 'Price: 5$ ^and^ @home *star #tag [note] {brace} back\\slash a/b x>y';
    const marked = await engine.translate(text, 'en', 'es');
    const translated = readMarked(marked).text;
    expect(translated).toMatch(/^Precio: /);
    // Typed marks are escaped, not taken for Apertium's: the only unknown words are the lone letters.
    expect(readMarked(marked).untranslatedWords).toEqual(['b', 'x', 'y']);
    for (const char of ['^', '$', '@', '*', '#', '[', ']', '{', '}', '\\', '/', '>']) expect(count(translated, char), char).toBe(count(text, char));
  });

  it('keeps HTML tags as they were and translates the words around them', async () => {
    const translated = await engine.translate('<b>Hello</b> <script>alert(1)</script> friend', 'en', 'es');
    expect(translated).toMatch(/^<b>Hola<\/b> <script>.*<\/script> amigo$/);
  });

  it('keeps emoji and line breaks', async () => {
    const translated = await engine.translate('Good morning. 🍕👨‍👩‍👧❤️\n\nGood night.\nThe soup is cold.', 'en', 'es');
    const lines = translated.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('Buenos días. 🍕👨‍👩‍👧❤️');
    expect(lines[1]).toBe('');
    expect(lines[3]).toContain('sopa');
  });

  it('passes other scripts through and survives text that looks like its own stream format', async () => {
    const hostile = [
      'Привет 你好 مرحبا',
      '^Hello/Hola<n>$',
      '[<STREAMCMD:SETVAR:x>]hello',
      '\\',
      '[',
      ']]]]',
      '$',
      'hello\u0000world\u0007',
      'lone \ud800 surrogate',
      '\\0 \\n \\t',
      '<',
      '<<<>>>',
    ];
    const translated = new Map(await Promise.all(hostile.map(async (text) => [text, readMarked(await engine.translate(text, 'en', 'es')).text] as const)));
    for (const [text, translation] of translated) {
      expect(typeof translation, text).toBe('string');
      expect(translation.length, text).toBeGreaterThan(0);
    }
    expect(translated.get('Привет 你好 مرحبا')).toBe('Привет 你好 مرحبا');
    expect(translated.get('[')).toBe('[');
    expect(translated.get('\\')).toBe('\\');
    expect(translated.get('<<<>>>')).toBe('<<<>>>');
    expect(translated.get('^Hello/Hola<n>$')).toMatch(/^\^.*\$$/);
    expect(translated.get('hello\u0000world\u0007')).toBe('helloworld');
    expect(translated.get('lone \ud800 surrogate')).toContain('\ufffd');
  });

  it('answers blank text without a run and refuses text over the length cap', async () => {
    expect(await engine.translate(' \n\t ', 'en', 'es')).toBe('');
    const started = Date.now();
    expect(await failureOf(engine.translate('word '.repeat(2_000), 'en', 'es'))).toEqual({
      reason: 'too_long',
      message: 'The text has 9999 characters; Apertium here translates at most 2000.',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('ApertiumEngine around a stand-in apertium', () => {
  let dir: ReturnType<typeof tempDir>;
  const engines: ApertiumEngine[] = [];
  beforeEach(() => {
    dir = tempDir('apertium');
  });
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.close();
    dir.remove();
  });
  const engineFor = (command: string, modesDir: string, options: ConstructorParameters<typeof ApertiumEngine>[0] = {}) => {
    const engine = new ApertiumEngine({ command, modesDir, ...options });
    engines.push(engine);
    return engine;
  };

  it('reports no pairs, and does not crash, when apertium is not installed', async () => {
    const fake = fakeApertium(dir.path, 'cat');
    for (const command of [`${dir.path}/missing/apertium`, 'apertium-not-installed-here', dir.path]) {
      const engine = engineFor(command, fake.modesDir);
      expect(engine.pairs(), command).toEqual([]);
      expect(engine.problem()).toMatch(/Apertium is not installed/);
      expect((await failureOf(engine.translate('Hello', 'en', 'es'))).reason).toBe('unsupported_pair');
    }
  });

  it('reports no pairs when the modes folder is missing or holds no translation modes', () => {
    const fake = fakeApertium(dir.path, 'cat', ['eng-morph']);
    expect(engineFor(fake.command, `${dir.path}/nowhere/modes`).pairs()).toEqual([]);
    const empty = engineFor(fake.command, fake.modesDir);
    expect(empty.pairs()).toEqual([]);
    expect(empty.problem()).toMatch(/no language pairs installed/);
  });

  it('refuses a modes folder apertium could not read', () => {
    expect(() => new ApertiumEngine({ modesDir: `${dir.path}/pairs` })).toThrow('a folder named "modes"');
  });

  it('runs apertium -d <data dir> <mode> (marking unknown words) and rereads the install on refresh', async () => {
    const fake = fakeApertium(dir.path, 'echo "$@" > "$DIR/args"\ncat', ['eng-cat']);
    const engine = engineFor(fake.command, fake.modesDir);
    expect(engine.pairs()).toEqual([{ from: 'en', to: 'ca' }]);
    expect(await engine.translate('Good  morning', 'en', 'ca')).toBe('Good morning');
    expect(readFileSync(fake.file('args'), 'utf8').trim()).toBe(`-d ${fake.dir}/share eng-cat`);
    expect(await failureOf(engine.translate('Hello', 'en', 'es'))).toMatchObject({ reason: 'unsupported_pair' });
    writeFileSync(join(fake.modesDir, 'eng-spa.mode'), 'cat\n');
    engine.refresh();
    expect(engine.pairs()).toEqual([
      { from: 'en', to: 'ca' },
      { from: 'en', to: 'es' },
    ]);
  });

  it('kills a hung engine at the time limit, with its children, and frees the slot', async () => {
    const fake = fakeApertium(dir.path, 'echo $$ > "$DIR/script.pid"\nsleep 300 &\necho $! > "$DIR/sleep.pid"\nwait');
    const engine = engineFor(fake.command, fake.modesDir, { timeoutMs: 1_000, maxConcurrent: 1 });
    const started = Date.now();
    expect(await failureOf(engine.translate('Hello', 'en', 'es'))).toEqual({
      reason: 'timeout',
      message: 'Apertium eng-spa took longer than 1000 ms and was stopped.',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => isRunning(readPid(fake.file('script.pid')))).toBe(false);
    await expect.poll(() => isRunning(readPid(fake.file('sleep.pid')))).toBe(false);
    expect(engine.load()).toEqual({ running: 0, waiting: 0, concurrency: 1 });
  });

  it('runs at most maxConcurrent at once and refuses beyond the queue', async () => {
    const fake = fakeApertium(dir.path, 'echo "start" >> "$DIR/log"\nsleep 0.2\necho "end" >> "$DIR/log"\ncat');
    const engine = engineFor(fake.command, fake.modesDir, { maxConcurrent: 2, maxQueued: 3 });
    const requests = ['one', 'two', 'three', 'four', 'five', 'six'].map((word) => engine.translate(word, 'en', 'es'));
    const results = await Promise.allSettled(requests);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as TextEngineError).reason))).toEqual([
      'one',
      'two',
      'three',
      'four',
      'five',
      'busy',
    ]);
    let running = 0;
    let most = 0;
    for (const line of readFileSync(fake.file('log'), 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });

  it('stops a run when the caller aborts, and on close()', async () => {
    const fake = fakeApertium(dir.path, 'echo $$ >> "$DIR/pids"\nexec sleep 300');
    const engine = engineFor(fake.command, fake.modesDir);
    const controller = new AbortController();
    const aborted = engine.translate('Hello', 'en', 'es', controller.signal);
    const closed = engine.translate('Hello', 'en', 'es');
    await expect.poll(() => (existsSync(fake.file('pids')) ? readFileSync(fake.file('pids'), 'utf8').trim().split('\n').length : 0)).toBe(2);
    controller.abort();
    expect((await failureOf(aborted)).reason).toBe('aborted');
    engine.close();
    expect((await failureOf(closed)).reason).toBe('aborted');
    for (const pid of readFileSync(fake.file('pids'), 'utf8').trim().split('\n').map(Number)) {
      await expect.poll(() => isRunning(pid)).toBe(false);
    }
  });

  it('turns a crash, silence or a flood into a failure, never a hang', async () => {
    const engineRunning = (body: string) => {
      const fake = fakeApertium(dir.path, body);
      return engineFor(fake.command, fake.modesDir);
    };
    expect(await failureOf(engineRunning('echo "Error: Mode eng-spa does not exist." >&2\nexit 1').translate('Hello', 'en', 'es'))).toEqual({
      reason: 'failed',
      message: 'Apertium eng-spa failed (exit code 1): Error: Mode eng-spa does not exist.',
    });
    // The real script exits 0 when its deformatter cannot read stdin: empty output is a failure too.
    expect(await failureOf(engineRunning('exit 0').translate('Hello', 'en', 'es'))).toEqual({
      reason: 'failed',
      message: 'Apertium eng-spa returned no text.',
    });
    expect(await failureOf(engineRunning('yes flood').translate('Hello', 'en', 'es'))).toEqual({
      reason: 'failed',
      message: 'Apertium eng-spa wrote far more than a translation and was stopped.',
    });
    expect(await failureOf(engineRunning('kill -9 $$').translate('Hello', 'en', 'es'))).toEqual({
      reason: 'failed',
      message: 'Apertium eng-spa failed (SIGKILL)',
    });
  });

  it('never starts a run for text over the cap', async () => {
    const fake = fakeApertium(dir.path, 'touch "$DIR/ran"\ncat');
    const engine = engineFor(fake.command, fake.modesDir, { maxTextLength: 100 });
    expect((await failureOf(engine.translate('x'.repeat(10_000), 'en', 'es'))).reason).toBe('too_long');
    expect(existsSync(fake.file('ran'))).toBe(false);
    // The cap counts characters as people do: an emoji is one, not two UTF-16 units.
    expect(await engine.translate('🍕'.repeat(100), 'en', 'es')).toBe('🍕'.repeat(100));
    expect(existsSync(fake.file('ran'))).toBe(true);
  });

  it('drops its pairs when the program disappears after discovery', async () => {
    const fake = fakeApertium(dir.path, 'cat');
    const engine = engineFor(fake.command, fake.modesDir);
    expect(engine.pairs()).toHaveLength(1);
    dir.remove();
    expect((await failureOf(engine.translate('Hello', 'en', 'es'))).reason).toBe('unavailable');
    expect(engine.pairs()).toEqual([]);
  });
});
