/**
 * The app under benchmark: exactly what `main.ts` serves, plus one route,
 * `GET /api/bench/ping`, that passes the global guard (`@Public()`) and touches no
 * database. It is the framework's own ceiling on this machine: the gap between
 * it and `GET /api/auth/user` is what authentication costs.
 *
 * Built by the same `createApp` as `main.ts`; reads the same environment and
 * listens on PORT.
 *
 * With BENCH_CPU_PROFILE=<file> and an IPC channel (run.ts sets both up), the
 * V8 CPU profiler runs from the moment the server listens, and the message
 * `write-cpu-profile` writes the profile to that file.
 */
import 'reflect-metadata';
import { Controller, type DynamicModule, Get, Module } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createApp } from '../src/app.factory.js';
import { AppModule } from '../src/app.module.js';
import { Public } from '../src/common/decorators/public.decorator.js';
import { loadSettings, type Settings } from '../src/config/settings.js';
import { processExposition } from '../src/metrics/cluster-metrics.js';
import { listenForScrapes } from '../src/metrics/metrics-listener.js';
import { Metrics } from '../src/metrics/metrics.service.js';

@Controller('api/bench')
class BenchController {
  @Public()
  @Get('ping')
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class BenchModule {
  static forRoot(settings: Settings): DynamicModule {
    return { module: BenchModule, imports: [AppModule.forRoot(settings)], controllers: [BenchController] };
  }
}

async function startProfiler(file: string): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  process.on('message', (message) => {
    if (message !== 'write-cpu-profile') return;
    void session.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      process.send?.('cpu-profile-written');
    });
  });
}

const settings = loadSettings(process.env);
const app = await createApp(settings, { rootModule: BenchModule.forRoot(settings) });
await app.listen(settings.port, settings.host);
if (settings.metricsPort !== null)
  await listenForScrapes(processExposition(app.get(Metrics).registry), settings.host, settings.metricsPort);
if (process.env.BENCH_CPU_PROFILE && process.send) await startProfiler(process.env.BENCH_CPU_PROFILE);
