import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { envName, renderCommand, renderTemplate, shellQuote } from '../../../src/actions/triggers/index.js';

const vars = { 'launch.sub': 'a b/c&d', 'ags.lineitem': 'say "hi"\n\\', empty: '' };

function templateError(fn: () => unknown): HarnessError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('ERR_TRIGGER_TEMPLATE');
    return e as HarnessError;
  }
  throw new Error('expected ERR_TRIGGER_TEMPLATE');
}

describe('renderTemplate', () => {
  it('inserts raw values', () => {
    expect(renderTemplate('sub={{launch.sub}}; again {{ launch.sub }}; e=[{{empty}}]', vars)).toBe('sub=a b/c&d; again a b/c&d; e=[]');
  });

  it('URL-encodes with |url', () => {
    expect(renderTemplate('https://t.example/u/{{launch.sub|url}}?q={{ launch.sub | url }}', vars)).toBe('https://t.example/u/a%20b%2Fc%26d?q=a%20b%2Fc%26d');
  });

  it('JSON-escapes with |json, without the quotes', () => {
    const body = renderTemplate('{"comment":"{{ags.lineitem|json}}"}', vars);
    expect(body).toBe('{"comment":"say \\"hi\\"\\n\\\\"}');
    expect(JSON.parse(body)).toEqual({ comment: vars['ags.lineitem'] });
  });

  it('leaves text without placeholders unchanged', () => {
    for (const t of ['', 'plain text', '{"a":{"b":1}}', '{ {x} }', '$HOME ${x}']) expect(renderTemplate(t, vars)).toBe(t);
  });

  it('refuses an unknown variable, naming the trigger and the known names', () => {
    const e = templateError(() => renderTemplate('x {{launch.subb}}', vars, 'grade'));
    expect(e.message).toBe('unknown template variable {{launch.subb}} in triggers.grade');
    expect(e.hint).toBe('Known variables: ags.lineitem, empty, launch.sub.');
    expect(templateError(() => renderTemplate('{{x}}', {})).hint).toMatch(/No variables/);
  });

  it('refuses an unknown filter and a malformed placeholder', () => {
    expect(templateError(() => renderTemplate('{{launch.sub|base64}}', vars, 'grade')).message).toMatch(/unknown filter \|base64 .* in triggers\.grade/);
    expect(templateError(() => renderTemplate('{{launch sub}}', vars)).message).toMatch(/malformed placeholder/);
  });

  it('does not resolve inherited object properties', () => {
    templateError(() => renderTemplate('{{constructor}}', vars));
    templateError(() => renderTemplate('{{empty|constructor}}', vars));
  });
});

describe('renderCommand', () => {
  it('single-quotes every value, after its filter', () => {
    expect(renderCommand('./post.sh {{launch.sub}} {{launch.sub|url}}', vars)).toBe(`./post.sh 'a b/c&d' 'a%20b%2Fc%26d'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
  });

  it('refuses a placeholder the user quoted or escaped', () => {
    for (const cmd of [`echo '{{launch.sub}}'`, `echo "x {{launch.sub}}"`, `echo \\{{launch.sub}}`]) {
      const e = templateError(() => renderCommand(cmd, vars, 'roster'));
      expect(e.message).toMatch(/inside quotes in triggers\.roster/);
      expect(e.hint).toContain('"$LTI_CONFORM_LAUNCH_SUB"');
    }
  });

  it('tracks quotes and escapes before a placeholder', () => {
    expect(renderCommand(`echo 'a"b' "c'd" \\" {{empty}}`, vars)).toBe(`echo 'a"b' "c'd" \\" ''`);
    expect(renderCommand(`echo "\\"" {{empty}}`, vars)).toBe(`echo "\\"" ''`);
  });
});

describe('envName', () => {
  it('upper-cases and replaces non-alphanumerics', () => {
    expect(envName('launch.sub')).toBe('LTI_CONFORM_LAUNCH_SUB');
    expect(envName('nrps.url-2')).toBe('LTI_CONFORM_NRPS_URL_2');
  });
});
