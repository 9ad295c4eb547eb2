import {
  convertParameterValue,
  IScriptParameter,
  ParameterError
} from '../../../src/script';

function param(
  type: string,
  value: IScriptParameter['value'] = 0
): IScriptParameter {
  return {
    name: 'lr',
    variable: 'lr',
    value,
    type,
    required: value === undefined,
    line: 12,
    cellIndex: 1,
    declaredBy: 'literal'
  };
}

describe('convertParameterValue', () => {
  it.each<[string, unknown, unknown]>([
    ['int', '3', 3],
    ['int', ' 3 ', 3],
    ['int', '-7', -7],
    ['int', '1_000', 1000],
    ['int', '0x10', 16],
    ['int', '3.0', 3],
    ['int', '1e3', 1000],
    ['int', 3, 3],
    ['float', '3.5', 3.5],
    ['float', '1e-3', 0.001],
    ['float', '2', 2],
    ['float', 2, 2],
    ['float', '-.5', -0.5],
    ['int', '-(123)', -123],
    ['float', '+(1.5)', 1.5],
    ['bool', 'true', true],
    ['bool', 'True', true],
    ['bool', '1', true],
    ['bool', 'false', false],
    ['bool', 'False', false],
    ['bool', '0', false],
    ['bool', true, true],
    ['bool', 0, false],
    ['str', '  keep blanks  ', '  keep blanks  '],
    ['str', '', ''],
    ['str', '3', '3'],
    ['str', 3, '3'],
    ['str', 'None', 'None'],
    ['list', '[1, 2]', [1, 2]],
    ['list', "['a', None, True]", ['a', null, true]],
    ['list', '[1, "b"]', [1, 'b']],
    ['list', '(1, 2)', [1, 2]],
    ['list', [1, 2], [1, 2]],
    ['tuple', '1, 2', [1, 2]],
    ['dict', '{"a": 1}', { a: 1 }],
    ['dict', "{'a': [1]}", { a: [1] }],
    ['dict', { a: 1 }, { a: 1 }],
    ['NoneType', '3', 3],
    ['NoneType', '[1]', [1]],
    ['NoneType', 'plain text', 'plain text'],
    ['NoneType', '"quoted"', 'quoted'],
    ['NoneType', 4, 4],
    ['any', 'true', true],
    ['Literal', "'a'", 'a']
  ])('%s from %j is %j', (type, input, expected) => {
    expect(convertParameterValue(param(type), input)).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    [
      'int',
      '3.5',
      'lr (line 12) expects an int; 3.5 would be truncated. Give a whole number.'
    ],
    [
      'int',
      3.5,
      'lr (line 12) expects an int; 3.5 would be truncated. Give a whole number.'
    ],
    [
      'int',
      '1e-3',
      'lr (line 12) expects an int; 1e-3 would be truncated. Give a whole number.'
    ],
    ['int', 'abc', 'lr (line 12) expects an int; "abc" is not a number.'],
    ['int', '', 'lr (line 12) expects an int; the value is empty.'],
    ['int', true, 'lr (line 12) expects an int, not true.'],
    [
      'int',
      '123456789012345678901',
      'lr (line 12) expects an int; 123456789012345678901 is too large to pass exactly.'
    ],
    [
      'int',
      2 ** 60,
      `lr (line 12) expects an int; ${2 ** 60} is too large to pass exactly.`
    ],
    ['float', 'abc', 'lr (line 12) expects a float; "abc" is not a number.'],
    [
      'float',
      '1.5.2',
      'lr (line 12) expects a float; "1.5.2" is not a number.'
    ],
    ['float', 'inf', 'lr (line 12) expects a float; "inf" is not a number.'],
    [
      'float',
      Infinity,
      'lr (line 12) expects a float; Infinity is not a finite number.'
    ],
    [
      'float',
      '"3"',
      'lr (line 12) expects a float; "\\"3\\"" is not a number.'
    ],
    ['float', null, 'lr (line 12) expects a float, not null.'],
    ['bool', 'yes', 'lr (line 12) expects a bool (true or false), not "yes".'],
    ['bool', 2, 'lr (line 12) expects a bool (true or false), not 2.'],
    ['str', null, 'lr (line 12) expects a str, not null.'],
    ['str', [1], 'lr (line 12) expects a str, not [1].'],
    [
      'list',
      '{"a": 1}',
      'lr (line 12) expects a list such as [1, 2], not "{\\"a\\": 1}".'
    ],
    [
      'list',
      'not a list',
      'lr (line 12) expects a list; "not a list" is neither JSON nor a Python literal.'
    ],
    ['dict', '[1]', 'lr (line 12) expects a dict such as {"a": 1}, not "[1]".']
  ])('%s from %j is an error', (type, input, message) => {
    let error: unknown;
    try {
      convertParameterValue(param(type), input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).message).toBe(message);
    expect((error as ParameterError).line).toBe(12);
    expect((error as ParameterError).parameter).toBe('lr');
    expect((error as ParameterError).kind).toBe('parameter');
  });

  it('gives the default when no value is set', () => {
    expect(convertParameterValue(param('float', 0.1), undefined)).toBe(0.1);
  });

  it('requires a value for a required parameter', () => {
    const required = { ...param('any'), value: undefined, required: true };
    expect(() => convertParameterValue(required, undefined)).toThrow(
      'lr (line 12) is required: give it a value.'
    );
  });

  it.each([[null], ['None'], ['null']])(
    'accepts %j where the default is None',
    input => {
      expect(convertParameterValue(param('int', null), input)).toBeNull();
    }
  );

  it('converts to the declared type where the default is None', () => {
    expect(convertParameterValue(param('int', null), '4')).toBe(4);
    expect(() => convertParameterValue(param('int', null), '4.5')).toThrow(
      /truncated/
    );
  });
});
