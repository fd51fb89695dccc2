import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { responseOrigin } from '~/lib/env.server'
import { useT } from '~/lib/i18n'
import { title } from '~/lib/meta'
import { ENDPOINTS } from '~/modules/api/registry.server'
import { LIMITS } from '~/modules/rate-limit/rate-limit.server'
import { ScrollRegion } from '~/components/ScrollRegion'
import type { I18nHandle } from '~/lib/i18n-routes'

/** Translation namespaces beyond the root's (app/lib/i18n-routes.ts). */
export const handle: I18nHandle = {
  i18n: ['settings', 'orgs', 'mail', 'errors', 'notifications', 'api', 'content', 'spaces', 'discussions'],
}

export const meta: MetaFunction = ({ matches }) => title(matches, 'api.page.title')

export function loader({ request }: LoaderFunctionArgs) {
  return {
    baseUrl: `${responseOrigin(request)}/api/v1`,
    perMinute: Math.round((LIMITS.apiIp.limit * 60) / LIMITS.apiIp.windowSeconds),
    endpoints: ENDPOINTS.map((e) => ({ id: e.id, method: e.method, path: e.path, summary: e.summary, auth: e.auth })),
  }
}

function Code({ children }: { children: string }) {
  return (
    <pre className="mt-2 whitespace-pre-wrap break-all rounded-md bg-stone-900 p-3 text-sm text-stone-50">
      <code>{children}</code>
    </pre>
  )
}

export default function ApiPage() {
  const { baseUrl, perMinute, endpoints } = useLoaderData<typeof loader>()
  const t = useT()
  const [before, after] = t('api.page.openapi', { link: '\u0000' }).split('\u0000')
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold">{t('api.page.title')}</h1>
        <p className="mt-4 text-lg">{t('api.page.intro')}</p>
      </div>

      <section aria-labelledby="endpoints" className="space-y-3">
        <h2 id="endpoints" className="text-2xl font-semibold">
          {t('api.page.endpointsHeading')}
        </h2>
        <p>{t('api.page.baseUrl', { url: baseUrl })}</p>
        <ScrollRegion labelledBy="endpoints-caption">
          <table className="w-full border-collapse text-left">
            <caption id="endpoints-caption" className="sr-only">
              {t('api.page.caption')}
            </caption>
            <thead>
              <tr className="border-b-2 border-stone-400">
                <th scope="col" className="p-2">
                  {t('api.page.columns.method')}
                </th>
                <th scope="col" className="p-2">
                  {t('api.page.columns.path')}
                </th>
                <th scope="col" className="p-2">
                  {t('api.page.columns.summary')}
                </th>
                <th scope="col" className="p-2">
                  {t('api.page.columns.auth')}
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id} className="border-b border-stone-300 align-top">
                  <td className="p-2 font-mono text-sm font-semibold">{e.method}</td>
                  <th scope="row" className="p-2 font-mono text-sm font-normal break-all">
                    {e.method === 'GET' && !e.path.includes('{') ? <a href={`/api/v1${e.path}`}>/api/v1{e.path}</a> : `/api/v1${e.path}`}
                  </th>
                  <td className="p-2">{t(e.summary)}</td>
                  <td className="p-2">{t(`api.page.auth.${e.auth}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p>
          {before}
          <a href="/api/v1/openapi.json">openapi.json</a>
          {after}
        </p>
      </section>

      <section aria-labelledby="tokens" className="card space-y-3">
        <h2 id="tokens" className="text-2xl font-semibold">
          {t('api.page.tokensHeading')}
        </h2>
        <p>{t('api.page.tokensSteps')}</p>
        <ol className="list-decimal space-y-2 pl-6">
          <li>{t('api.page.step1')}</li>
          <li>{t('api.page.step2')}</li>
          <li>{t('api.page.step3')}</li>
          <li>
            {t('api.page.step4')}
            <Code>{'Authorization: Bearer bk_…'}</Code>
          </li>
        </ol>
        <p>
          <Link to="/settings/tokens" className="btn-secondary">
            {t('api.page.tokensLink')}
          </Link>
        </p>
        <p className="text-stone-700">{t('api.page.tokensNote')}</p>
      </section>

      <section aria-labelledby="example" className="space-y-2">
        <h2 id="example" className="text-2xl font-semibold">
          {t('api.page.exampleHeading')}
        </h2>
        <p>{t('api.page.exampleCaption')}</p>
        <Code>{`curl -H "Authorization: Bearer bk_…" \\\n  "${baseUrl}/organizations?city=Ankara&pageSize=20"`}</Code>
      </section>

      <section aria-labelledby="errors" className="space-y-2">
        <h2 id="errors" className="text-2xl font-semibold">
          {t('api.page.errorsHeading')}
        </h2>
        <p>{t('api.page.errorsBody')}</p>
        <Code>
          {JSON.stringify(
            {
              error: {
                code: 'validation_failed',
                message: t('errors.codes.validation_failed'),
                fields: { timeZone: [t('errors.fields.timeZone')] },
              },
            },
            null,
            2,
          )}
        </Code>
      </section>

      <section aria-labelledby="limits" className="space-y-2">
        <h2 id="limits" className="text-2xl font-semibold">
          {t('api.page.limitsHeading')}
        </h2>
        <p>{t('api.page.limitsBody', { count: perMinute })}</p>
      </section>
    </div>
  )
}
