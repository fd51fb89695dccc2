import { describe, expect, it } from 'vitest'
import { z } from '~/lib/validation'
import { readJsonBody } from './body.server'
import { ApiError, errorBody, fieldErrors, mergeFieldErrors, noFieldErrors } from './errors.server'

describe('field errors from untrusted keys', () => {
  const schema = z.object({ name: z.string() }).strict()
  const issuesFor = (json: string) => {
    const result = schema.safeParse(JSON.parse(json))
    if (result.success) throw new Error('expected issues')
    return result.error
  }

  it('treat __proto__, constructor and toString as plain keys', () => {
    const fields = fieldErrors(issuesFor('{"name": "a", "__proto__": {"x": 1}, "constructor": 1, "toString": "y"}'), 'body')
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.getPrototypeOf(fields)).toBeNull()

    const merged = mergeFieldErrors(noFieldErrors(), fields)
    expect(Object.getPrototypeOf(merged)).toBeNull()
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'constructor', 'toString'])

    const body = errorBody('en', 'validation_failed', merged)
    const unknown = ['This field is not known here. Check its spelling.']
    const sent = JSON.parse(JSON.stringify(body)) as { error: { fields: object } }
    expect(Object.entries(sent.error.fields).sort()).toEqual([
      ['__proto__', unknown],
      ['constructor', unknown],
      ['toString', unknown],
    ])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})

describe('readJsonBody', () => {
  const read = (body: string) =>
    readJsonBody(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))

  it('refuses NUL and lone surrogates itself too', async () => {
    await expect(read('{"a": "\\ud800"}')).rejects.toMatchObject({
      code: 'bad_request',
      options: { messageKey: 'errors.request.surrogate' },
    })
    await expect(read('{"a": "\\u0000"}')).rejects.toMatchObject({ code: 'bad_request', options: { messageKey: 'errors.request.nul' } })
    await expect(read('{"a": "\\ud83c\\udf3b"}')).resolves.toEqual({ a: '🌻' })
  })

  it('keeps its own checks: type, encoding, emptiness, syntax', async () => {
    await expect(readJsonBody(new Request('http://x/', { method: 'POST', body: '{}' }))).rejects.toBeInstanceOf(ApiError)
    await expect(read('  ')).rejects.toMatchObject({ options: { messageKey: 'errors.body.empty' } })
    await expect(read('{"a":')).rejects.toMatchObject({ options: { messageKey: 'errors.body.malformed' } })
  })
})
