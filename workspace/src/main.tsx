import { render, type ComponentType } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../../server/contract/auth.ts';
import { registerServiceWorker } from './offline/register-sw.ts';
import { LoginPage } from './pages/login.tsx';
import { PlaceholderPage } from './pages/placeholder.tsx';
import { navigate, usePath } from './router.ts';
import { homePath, sectionsOf } from './sections.ts';
import { restoreSession, session } from './session.ts';
import { Shell } from './shell.tsx';
import { useStore } from './store.ts';
import './styles.css';

type PageProps = { user: SessionUser };
type RegistryPageProps = PageProps & { registryId: number };

/** Sections that exist, each loaded when first opened (pages with a grid bring ag-grid, ~1 MB). */
const PAGES: Record<string, ComponentType<PageProps>> = {
  '/registries': lazy(() => import('./pages/registries/registries-page.tsx').then((m) => m.RegistriesPage)),
  '/reference': lazy(() => import('./pages/reference/reference-page.tsx').then((m) => m.ReferencePage)),
  '/analytics': lazy(() => import('./pages/analytics/analytics-page.tsx').then((m) => m.AnalyticsPage)),
  '/standards': lazy(() => import('./pages/standards/standards-page.tsx').then((m) => m.StandardsPage)),
  '/workbooks': lazy(() => import('./pages/workbooks/workbooks-page.tsx').then((m) => m.WorkbooksPage)),
  '/calculator': lazy(() => import('./pages/calculator/calculator-page.tsx').then((m) => m.CalculatorPage as ComponentType<PageProps>)),
  '/portal': lazy(() => import('./pages/portal/portal-page.tsx').then((m) => m.PortalPage)),
  '/users': lazy(() => import('./pages/users/users-page.tsx').then((m) => m.UsersPage)),
  '/password': lazy(() => import('./pages/users/password-page.tsx').then((m) => m.PasswordPage)),
};

/** The citizens' calculator for everyone, without signing in (the same page as Калькулятор in the workspace). */
const PUBLIC_CALCULATOR_PATH = '/calc';
const PublicCalculator = lazy(() => import('./pages/calculator/calculator-page.tsx').then((m) => m.CalculatorPage)) as ComponentType<{ isPublic: boolean }>;

/** Pages of one object under a section: `/registries/17` is the review page of registry 17. */
const ReviewPage = lazy(() => import('./pages/review/review-page.tsx').then((m) => m.ReviewPage)) as ComponentType<RegistryPageProps>;
const REGISTRY_PATH = /^\/registries\/(\d+)$/;
/** `/analytics/rso/7203000011` is the analytics page of one РСО. */
const RsoAnalyticsPage = lazy(() => import('./pages/analytics/rso-page.tsx').then((m) => m.RsoPage)) as ComponentType<PageProps & { inn: string }>;
const RSO_ANALYTICS_PATH = /^\/analytics\/rso\/(\d{10}|\d{12})$/;
/** `/portal/17`: an РСО's view of its registry 17. */
const PortalRegistryPage = lazy(() => import('./pages/portal/portal-registry-page.tsx').then((m) => m.PortalRegistryPage)) as ComponentType<{ registryId: number }>;
const PORTAL_REGISTRY_PATH = /^\/portal\/(\d+)$/;
/** `/reference/changes/12` is the change report of import 12 (houses or ГИС ЖКХ). */
const ChangeReportPage = lazy(() => import('./pages/reference/change-report-page.tsx').then((m) => m.ChangeReportPage)) as ComponentType<{ batchId: number }>;
const CHANGE_REPORT_PATH = /^\/reference\/changes\/(\d+)$/;
/** `/workbooks/5` is workbook 5, edited together. */
const WorkbookPage = lazy(() => import('./pages/workbooks/workbook-page.tsx').then((m) => m.WorkbookPage)) as ComponentType<PageProps & { workbookId: number }>;
const WORKBOOK_PATH = /^\/workbooks\/(\d+)$/;

function Page({ path, user }: { path: string; user: SessionUser }) {
  // an РСО user has none of the regulator's pages (the server refuses their data anyway)
  const staff = user.role !== 'rso';
  const portalRegistry = staff ? null : PORTAL_REGISTRY_PATH.exec(path);
  if (portalRegistry) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка реестра…</p>}>
        <PortalRegistryPage registryId={Number(portalRegistry[1])} />
      </Suspense>
    );
  }
  const registry = staff ? REGISTRY_PATH.exec(path) : null;
  if (registry) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка реестра…</p>}>
        <ReviewPage user={user} registryId={Number(registry[1])} />
      </Suspense>
    );
  }
  const rso = staff ? RSO_ANALYTICS_PATH.exec(path) : null;
  if (rso) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка аналитики…</p>}>
        <RsoAnalyticsPage user={user} inn={rso[1] ?? ''} />
      </Suspense>
    );
  }
  const changes = staff ? CHANGE_REPORT_PATH.exec(path) : null;
  if (changes) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка отчета…</p>}>
        <ChangeReportPage batchId={Number(changes[1])} />
      </Suspense>
    );
  }
  const workbook = WORKBOOK_PATH.exec(path);
  if (workbook) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка книги…</p>}>
        <WorkbookPage key={workbook[1]} user={user} workbookId={Number(workbook[1])} />
      </Suspense>
    );
  }
  const section = sectionsOf(user.role).find((s) => s.path === path);
  const Built = section ? PAGES[path] : undefined;
  if (Built) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка раздела…</p>}>
        <Built user={user} />
      </Suspense>
    );
  }
  return section ? <PlaceholderPage section={section} /> : null;
}

function App() {
  const s = useStore(session);
  const path = usePath();
  const role = s.status === 'signed-in' ? s.user.role : null;
  const staffPath = REGISTRY_PATH.test(path) || RSO_ANALYTICS_PATH.test(path) || CHANGE_REPORT_PATH.test(path) || WORKBOOK_PATH.test(path);
  const known = role !== null && (sectionsOf(role).some((x) => x.path === path) || (role !== 'rso' && staffPath) || (role === 'rso' && PORTAL_REGISTRY_PATH.test(path)));
  useEffect(() => {
    if (role && !known && path !== PUBLIC_CALCULATOR_PATH) navigate(homePath(role), { replace: true });
  }, [role, known, path]);

  if (path === PUBLIC_CALCULATOR_PATH) {
    return (
      <Suspense fallback={<p class="page-loading">Загрузка калькулятора…</p>}>
        <PublicCalculator isPublic />
      </Suspense>
    );
  }
  switch (s.status) {
    case 'checking':
      return <p class="page-loading">Загрузка…</p>;
    case 'anonymous':
      return <LoginPage />;
    case 'signed-in':
      return (
        <Shell user={s.user} path={path}>
          <Page path={path} user={s.user} />
        </Shell>
      );
    default:
      return s satisfies never;
  }
}

registerServiceWorker();
void restoreSession();
render(<App />, document.getElementById('app') as HTMLElement);
