import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * compose.yaml and the Kubernetes manifests, parsed and checked for what a
 * deployment relies on. The PostgreSQL and Redis images cannot be pulled on
 * the CI machine, so `docker compose up` itself is not run here.
 */

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: unknown };
  depends_on?: unknown;
  ports?: string[];
  volumes?: string[];
  command?: string[];
  init?: boolean;
  cap_drop?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  stop_grace_period?: string;
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  tcpSocket?: { port: string | number };
  exec?: { command: string[] };
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: Probe };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; emptyDir?: unknown }[];
  terminationGracePeriodSeconds?: number;
}

/** The fields of Deployments, Services and ConfigMaps these checks read. */
interface KubernetesObject {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    selector?: Record<string, string>;
    ports?: { targetPort: string | number }[];
  };
}

interface Kustomization {
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const KUBERNETES = join('deploy', 'kubernetes');
/** The app's default drain time (SHUTDOWN_TIMEOUT_MS). */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** A pinned image: a version tag with at least major.minor (`postgres:17.7-bookworm`), or a digest. */
const isPinned = (image: string): boolean => /@sha256:[0-9a-f]{64}$/.test(image) || /:v?\d+\.\d+[\w.-]*$/.test(image);

/** Compose durations (`20s`, `1m30s`) in milliseconds. */
function durationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((sum, [, value, suffix]) => sum + Number(value) * unit[suffix as keyof typeof unit], 0);
}

/** Kubernetes memory quantities (`192Mi`, `1Gi`, `500M`) in bytes. */
function bytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity);
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 } as const;
  return Number(match[1]) * (match[2] ? unit[match[2] as keyof typeof unit] : 1);
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8')) as Compose;
  const { app, postgres, redis } = compose.services;
  const environment = app.environment ?? {};

  it('runs the app beside PostgreSQL and Redis, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres', 'redis']);
    const unchecked = Object.entries(compose.services).filter(([, service]) => !Array.isArray(service.healthcheck?.test));
    expect(unchecked.map(([name]) => name)).toEqual([]);
    expect(environment.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(environment.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
  });

  it('starts the app once PostgreSQL and Redis are healthy', () => {
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('pins every image it pulls', () => {
    expect(app.build).toBeDefined();
    const pulled = Object.entries(compose.services).filter(([, service]) => !service.build);
    expect(pulled.map(([name, service]) => ({ name, image: service.image, pinned: isPinned(service.image ?? '') }))).toEqual([
      { name: 'postgres', image: postgres.image, pinned: true },
      { name: 'redis', image: redis.image, pinned: true },
    ]);
  });

  it('keeps PostgreSQL in a named volume, with data checksums', () => {
    const mount = postgres.volumes?.find((volume) => volume.endsWith(':/var/lib/postgresql/data'));
    expect(Object.keys(compose.volumes ?? {})).toContain(mount?.split(':')[0]);
    expect(postgres.environment?.POSTGRES_INITDB_ARGS).toContain('--data-checksums');
  });

  it('runs Redis with noeviction, and publishes neither database', () => {
    expect(redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    expect(postgres.ports).toBeUndefined();
    expect(redis.ports).toBeUndefined();
  });

  it("publishes the app's port, and its metrics port on the host's loopback only", () => {
    const metricsPort = environment.METRICS_PORT;
    expect(metricsPort).toMatch(/^\d+$/);
    expect(app.ports?.filter((port) => port.endsWith(`:${metricsPort}`))).toEqual([`127.0.0.1:${metricsPort}:${metricsPort}`]);
    expect(app.ports).toContain('8000:8000');
  });

  it('takes the password from .env, which is never committed', () => {
    expect(environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(readFileSync('.env.example', 'utf8')).toMatch(/^POSTGRES_PASSWORD=$/m);
    expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain('.env');
  });

  it('runs the app with an init, no capabilities and a read-only root, and gives it time to drain on stop', () => {
    expect(app).toMatchObject({ init: true, cap_drop: ['ALL'], read_only: true, tmpfs: ['/tmp'] });
    expect(durationMs(app.stop_grace_period ?? '10s')).toBeGreaterThan(DEFAULT_SHUTDOWN_TIMEOUT_MS);
  });
});

describe('Kubernetes manifests', () => {
  const files = readdirSync(KUBERNETES).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
  const kustomization = parse(readFileSync(join(KUBERNETES, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const objects = files.flatMap((file) =>
    parseAllDocuments(readFileSync(join(KUBERNETES, file), 'utf8')).map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS() as KubernetesObject;
    }),
  );
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const configMaps = new Map(ofKind('ConfigMap').map((map) => [map.metadata.name, map.data ?? {}]));
  const deployments = ofKind('Deployment').map((deployment) => {
    const template = deployment.spec?.template;
    if (!template) throw new Error(`Deployment ${deployment.metadata.name} has no pod template`);
    return { name: deployment.metadata.name, labels: template.metadata.labels, pod: template.spec };
  });

  it('lists every manifest in the kustomization, and commits no Secret', () => {
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
    expect(deployments.length).toBeGreaterThan(0);
    expect(ofKind('Secret')).toEqual([]);
  });

  it('pins the image of every Deployment, as written and as the kustomization sets it', () => {
    const overrides = new Map((kustomization.images ?? []).map((image) => [image.name, image]));
    for (const { pod } of deployments) {
      for (const { image } of pod.containers) {
        const name = image.split(':')[0];
        const override = overrides.get(name);
        const final = override ? `${override.newName ?? name}:${override.newTag}` : image;
        expect({ image, final, pinned: isPinned(image) && isPinned(final) }).toEqual({ image, final, pinned: true });
      }
    }
  });

  describe.each(deployments)('Deployment $name', ({ labels, pod }) => {
    /** A container's settings: its ConfigMaps, then its literal env values. */
    const settingsOf = (container: Container): Record<string, string> => {
      const settings: Record<string, string> = {};
      for (const source of container.envFrom ?? []) {
        const data = source.configMapRef && configMaps.get(source.configMapRef.name);
        if (!data) throw new Error(`no ConfigMap for ${JSON.stringify(source)}`);
        Object.assign(settings, data);
      }
      for (const entry of container.env ?? []) if (entry.value !== undefined) settings[entry.name] = entry.value;
      return settings;
    };

    it('is ready on /api/health, and alive without asking the database', () => {
      for (const container of pod.containers) {
        expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/api/health' } });
        expect(container.livenessProbe).toBeDefined();
        // /api/health answers 503 while the database is down: a liveness probe on it would restart every pod.
        expect(container.livenessProbe?.httpGet?.path).not.toBe('/api/health');
      }
    });

    it('has requests and limits that hold its settled memory (about 120 MB)', () => {
      for (const { resources } of pod.containers) {
        expect(Object.keys(resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
        const request = bytes(resources?.requests?.memory ?? '0');
        expect(request).toBeGreaterThanOrEqual(128 * 1024 ** 2);
        expect(bytes(resources?.limits?.memory ?? '0')).toBeGreaterThan(request);
      }
    });

    it('runs as non-root on a read-only root, with an emptyDir at /tmp', () => {
      for (const container of pod.containers) {
        const security = { ...pod.securityContext, ...container.securityContext };
        expect(security).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(pod.volumes?.find((volume) => volume.name === tmp?.name)).toHaveProperty('emptyDir');
      }
    });

    it('lets the drain finish before the kill, with one process per pod', () => {
      for (const container of pod.containers) {
        const settings = settingsOf(container);
        const drainMs = Number(settings.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
        const preStop = container.lifecycle?.preStop?.exec?.command;
        const preStopMs = preStop?.[0] === 'sleep' ? Number(preStop[1]) * 1000 : 0;
        expect((pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(preStopMs + drainMs);
        expect(settings.WEB_CONCURRENCY ?? '1').toBe('1');
      }
    });

    it('reads the database URL from a Secret', () => {
      for (const container of pod.containers) {
        expect(container.env?.find((entry) => entry.name === 'DATABASE_URL')).toMatchObject({
          valueFrom: { secretKeyRef: { key: 'DATABASE_URL' } },
        });
      }
    });

    it('is reached through a Service on its HTTP port', () => {
      const ports = pod.containers.flatMap((container) => (container.ports ?? []).map((port) => port.name));
      const services = ofKind('Service').filter((service) =>
        Object.entries(service.spec?.selector ?? { none: '' }).every(([key, value]) => labels[key] === value),
      );
      expect(services.length).toBeGreaterThan(0);
      for (const service of services) for (const port of service.spec?.ports ?? []) expect(ports).toContain(port.targetPort);
    });
  });
});
