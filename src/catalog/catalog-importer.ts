import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog, type AuditEntry, type Caller } from '../audit/audit-log';
import { hasPermission, Permission } from '../auth/roles';
import { DomainError } from '../common/errors';
import { IntegrationRepository } from '../inventory/integration.repository';
import { IntegrationRegistry } from '../inventory/integration-registry';
import type { IntegrationInput } from '../inventory/integration.input';
import { WriteOutcome } from '../inventory/inventory.enums';
import { ServiceCatalog } from '../inventory/service-catalog';
import { ServiceRepository } from '../inventory/service.repository';
import { TeamRegistry } from '../inventory/team-registry';
import { TeamRepository } from '../inventory/team.repository';
import { SchemaRegistry } from '../schemas/schema-registry';
import { SchemaRepository } from '../schemas/schema.repository';
import { ChangeLevel } from '../schemas/schema.types';
import type { CatalogBundle, CatalogItem, ReadCatalogFile } from './catalog-bundle';
import { locateMessages, type CatalogMessage, type Place, type PlacedMessage } from './catalog-source';
import { CATALOG_FILE_NAME, MAX_CATALOG_MESSAGES, readCatalog } from './read-catalog';
import { catalogProblems } from './validate-catalog';

export enum CatalogItemKind {
  TEAM = 'TEAM',
  SERVICE = 'SERVICE',
  INTEGRATION = 'INTEGRATION',
  SCHEMA = 'SCHEMA',
}

export interface CatalogCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface CatalogChange {
  kind: CatalogItemKind;
  key: string;
  outcome: WriteOutcome;
  file: string;
  line?: number;
}

export interface CatalogImportReport {
  ok: boolean;
  dryRun: boolean;
  files: { path: string; documents: number }[];
  teams: CatalogCounts;
  services: CatalogCounts;
  integrations: CatalogCounts;
  schemas: CatalogCounts;
  /** What was (or, in a dry run, would be) created or updated; empty when the import failed. */
  changes: CatalogChange[];
  errors: CatalogMessage[];
  warnings: CatalogMessage[];
}

/** Where the catalog's files come from: the files to start from, and how to read any file by path. */
export interface CatalogSource {
  roots: string[];
  read: ReadCatalogFile;
}

interface PendingChange {
  change: Pick<CatalogChange, 'kind' | 'key' | 'outcome'>;
  place: Place;
}

/** Reports `done` of `total` items of a phase of the write. */
export type CatalogProgress = (phase: string, done: number, total: number) => void;

interface WriteState {
  report: CatalogImportReport;
  /** Refusals met while writing: any, and the transaction is rolled back. */
  problems: PlacedMessage[];
  changes: PendingChange[];
  /** Refused writes, recorded in the audit trail after the rollback (the services' own refusals record themselves). */
  denials: AuditEntry[];
  progress: CatalogProgress;
}

/** Rolls the import back once it has learned what it would write (a dry run) or found a problem. */
class Rollback extends Error {}

/**
 * Imports catalog files (Estate's estate.yaml and Backstage's catalog-info.yaml): read, validate
 * every item as its GraphQL input would be, then write teams, services, integrations and schemas
 * through Estate's own services — audited and owner-checked as any write — in ONE transaction.
 * Any problem anywhere and nothing is written; every problem names its file and line.
 */
@Injectable()
export class CatalogImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamRegistry,
    private readonly services: ServiceCatalog,
    private readonly integrations: IntegrationRegistry,
    private readonly schemas: SchemaRegistry,
    private readonly audit: AuditLog,
  ) {}

  /** For the CLI, which builds services by hand. */
  static on(dataSource: DataSource): CatalogImporter {
    const audit = new AuditLog(dataSource);
    const teamRepository = new TeamRepository(dataSource);
    const serviceRepository = new ServiceRepository(dataSource);
    return new CatalogImporter(
      dataSource,
      new TeamRegistry(dataSource, teamRepository, audit),
      new ServiceCatalog(dataSource, serviceRepository, teamRepository, audit),
      new IntegrationRegistry(dataSource, new IntegrationRepository(dataSource), serviceRepository, audit),
      new SchemaRegistry(dataSource, new SchemaRepository(dataSource), serviceRepository, audit),
      audit,
    );
  }

  /** Files given as text (GraphQL): those named like catalog files are read first, then any not reached from them. */
  importFiles(
    files: { path: string; content: string }[],
    dryRun: boolean,
    caller: Caller,
  ): Promise<CatalogImportReport> {
    const byPath = new Map(files.map((f) => [normalisePath(f.path), f.content]));
    if (byPath.size !== files.length) {
      throw DomainError.badInput([{ path: 'files', message: 'two files have the same path' }]);
    }
    const named = [...byPath.keys()].filter((p) => CATALOG_FILE_NAME.test(p));
    return this.import(
      { roots: named.length ? named : [...byPath.keys()], read: (p) => byPath.get(p) },
      dryRun,
      caller,
      [...byPath.keys()],
    );
  }

  async import(
    source: CatalogSource,
    dryRun: boolean,
    caller: Caller,
    given: string[] = [],
    progress: CatalogProgress = () => undefined,
  ): Promise<CatalogImportReport> {
    const bundle = readCatalog(source.roots, source.read);
    const read = new Set(bundle.files.map((f) => f.path));
    for (const path of given.filter((p) => !read.has(p)))
      bundle.warnings.push({ place: { file: path }, message: 'not read: neither a catalog file nor named by one' });
    const report = emptyReport(bundle, dryRun);
    const problems = [...bundle.errors, ...(await catalogProblems(bundle))];
    if (problems.length) return finish(report, problems, []);
    const refusals: PlacedMessage[] = [];
    const changes: PendingChange[] = [];
    const denials: AuditEntry[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.write(manager, bundle, caller, { report, problems: refusals, changes, denials, progress });
        if (refusals.length || dryRun) throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    for (const denial of denials) await this.audit.recordDenial(caller, denial);
    return finish(report, refusals, changes);
  }

  private async write(
    manager: EntityManager,
    bundle: CatalogBundle,
    caller: Caller,
    { report, problems, changes, denials, progress }: WriteState,
  ): Promise<void> {
    const record = (
      kind: CatalogItemKind,
      counts: CatalogCounts,
      item: CatalogItem<unknown>,
      key: string,
      outcome: WriteOutcome,
    ) => {
      counts[
        outcome === WriteOutcome.CREATED ? 'created' : outcome === WriteOutcome.UPDATED ? 'updated' : 'unchanged'
      ]++;
      if (outcome !== WriteOutcome.UNCHANGED) changes.push({ change: { kind, key, outcome }, place: item.place });
    };
    for (const [n, item] of bundle.teams.entries()) {
      progress('teams', n, bundle.teams.length);
      try {
        const { team, outcome } = await this.teams.upsert(item.value, caller, manager);
        if (outcome !== WriteOutcome.UNCHANGED && !hasPermission(caller.actor, Permission.ADMINISTER)) {
          const message = `Refused: ${outcome === WriteOutcome.CREATED ? 'creating' : 'changing'} team ${team.key} needs an admin token`;
          problems.push({ place: item.place, message });
          denials.push({ action: 'team.upsert', targetType: 'team', targetKey: team.key, reason: message });
        } else record(CatalogItemKind.TEAM, report.teams, item, team.key, outcome);
      } catch (error) {
        // A team that cannot be written (deleted, say) is a problem of that document; anything else is a fault.
        if (!(error instanceof DomainError)) throw error;
        problems.push({ place: item.place, message: error.message });
      }
    }
    if (problems.length) return;

    progress('services', 0, bundle.services.length);
    const imported = await this.services.importMany(
      bundle.services.map((s) => s.value),
      false,
      caller,
      manager,
    );
    for (const error of imported.errors) {
      problems.push({ place: bundle.services[error.index].at(error.path), message: error.message });
    }
    const created = new Set(
      imported.rows.filter((r) => r.outcome === WriteOutcome.CREATED).map((r) => r.key.toLowerCase()),
    );
    for (const row of imported.rows) {
      record(CatalogItemKind.SERVICE, report.services, bundle.services[row.index], row.key, row.outcome);
    }
    // Integrations and data need their services; what is wrong with those has been said.
    if (problems.length) return;

    progress('integrations', 0, bundle.integrations.length);
    const flows = await this.integrations.upsertMany(
      bundle.integrations.map((i) => i.value as IntegrationInput),
      caller,
      manager,
    );
    for (const p of flows.problems) {
      const item = bundle.integrations[p.index];
      problems.push({ place: item.at(p.path), message: p.message });
      const edge = `${item.value.source}→${item.value.target} (${String(item.value.mechanism)})`;
      if (p.forbidden)
        denials.push({ action: 'integration.upsert', targetType: 'integration', targetKey: edge, reason: p.message });
    }
    flows.outcomes.forEach((outcome, n) => {
      const item = bundle.integrations[n];
      const v = item.value;
      record(
        CatalogItemKind.INTEGRATION,
        report.integrations,
        item,
        `${v.source}→${v.target} (${String(v.mechanism)})`,
        outcome,
      );
    });
    progress('data', 0, bundle.schemas.length);
    const data = await this.schemas.replaceMany(
      bundle.schemas.map((s) => ({ ...s.value, importedFrom: s.value.source })),
      caller,
      manager,
    );
    for (const p of data.problems) {
      const item = bundle.schemas[p.index];
      problems.push({ place: item.at(p.path), message: p.message });
      if (p.forbidden)
        denials.push({
          action: 'service.schema',
          targetType: 'service',
          targetKey: item.value.serviceKey,
          reason: p.message,
        });
    }
    data.changes.forEach((changes, n) => {
      const item = bundle.schemas[n];
      const key = item.value.serviceKey;
      const outcome =
        changes.level === ChangeLevel.NONE
          ? WriteOutcome.UNCHANGED
          : created.has(key.toLowerCase())
            ? WriteOutcome.CREATED
            : WriteOutcome.UPDATED;
      record(CatalogItemKind.SCHEMA, report.schemas, item, key, outcome);
    });
  }
}

function emptyReport(bundle: CatalogBundle, dryRun: boolean): CatalogImportReport {
  const counts = (): CatalogCounts => ({ created: 0, updated: 0, unchanged: 0 });
  return {
    ok: false,
    dryRun,
    files: bundle.files,
    teams: counts(),
    services: counts(),
    integrations: counts(),
    schemas: counts(),
    changes: [],
    errors: [],
    warnings: locateMessages(bundle.warnings.slice(0, MAX_CATALOG_MESSAGES)),
  };
}

/** The report with its errors located and sorted by file and line; a failed import lists no changes. */
function finish(report: CatalogImportReport, problems: PlacedMessage[], pending: PendingChange[]): CatalogImportReport {
  const errors = sortMessages(locateMessages(problems)).slice(0, MAX_CATALOG_MESSAGES);
  if (errors.length) {
    const none = (): CatalogCounts => ({ created: 0, updated: 0, unchanged: 0 });
    return { ...report, errors, teams: none(), services: none(), integrations: none(), schemas: none() };
  }
  const located = locateMessages(pending.map((p) => ({ place: p.place, message: '' })));
  const changes = pending.map((p, i) => ({ ...p.change, file: located[i].file, line: located[i].line }));
  return { ...report, ok: true, changes, warnings: sortMessages(report.warnings) };
}

function sortMessages(messages: CatalogMessage[]): CatalogMessage[] {
  return [...messages].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Catalog paths: POSIX separators, no `./`. */
export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
