import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors';
import type { UnifiedSchemaVersionEntity } from '../unified-schema-version.entity';
import { UnifiedSchemaService } from '../unified-schema.service';
import { buildDataDictionary, type DictionarySource } from './data-dictionary';
import { DataDictionaryRepository } from './data-dictionary.repository';
import {
  DICTIONARY_FORMATS,
  type DataDictionary,
  type DictionaryFormat,
  type DictionaryVersion,
  type RenderedDictionary,
} from './data-dictionary.types';
import { renderDataDictionary } from './render';

/**
 * The data dictionary of the unified schema: a version's entities and fields with the services
 * that supply each field (CONFIRMED mappings). Two statements whatever the size of the schema:
 * the version (or the draft), then every supplier of its fields.
 */
@Injectable()
export class DataDictionaryService {
  constructor(
    private readonly unified: UnifiedSchemaService,
    private readonly repository: DataDictionaryRepository,
  ) {}

  /**
   * The dictionary of a published version, of the latest one (the default) or of the draft.
   * NOT_FOUND for a version that does not exist (or `latest` before the first is published).
   */
  async document(version: DictionaryVersion = 'latest'): Promise<DataDictionary> {
    const source = await this.source(version);
    const fieldIds = source.entities.flatMap((entity) => entity.fields.map((field) => field.id));
    return buildDataDictionary(source, await this.repository.confirmedSuppliers(fieldIds));
  }

  /** The dictionary as a JSON Schema 2020-12, OpenAPI 3.1 or Markdown document, with its content type and file name. */
  async render(format: DictionaryFormat, version: DictionaryVersion = 'latest'): Promise<RenderedDictionary> {
    if (!DICTIONARY_FORMATS.includes(format)) {
      throw DomainError.badInput([
        { path: 'format', message: `must be one of ${DICTIONARY_FORMATS.join(', ')} (got "${String(format)}")` },
      ]);
    }
    return renderDataDictionary(await this.document(version), format);
  }

  private async source(version: DictionaryVersion): Promise<DictionarySource> {
    if (version === 'draft') {
      const { entities } = await this.unified.draft();
      return { version: 'draft', publishedAt: null, publishedBy: null, note: null, entities };
    }
    if (version === 'latest') {
      const latest = await this.unified.latestPublished();
      if (!latest) {
        throw new DomainError(ErrorCode.NOT_FOUND, 'No version of the unified schema has been published yet', {
          key: 'latest',
        });
      }
      return published(latest);
    }
    if (!Number.isSafeInteger(version) || version < 1) {
      throw DomainError.badInput([
        { path: 'version', message: `must be a version number, latest or draft (got "${String(version)}")` },
      ]);
    }
    return published(await this.unified.publishedVersion(version));
  }
}

function published(row: UnifiedSchemaVersionEntity): DictionarySource {
  return {
    version: row.version,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    note: row.note,
    entities: row.snapshot.entities,
  };
}
