import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Requires } from '../../auth/access.decorators';
import { Permission } from '../../auth/roles';
import { DomainError } from '../../common/errors';
import { DataDictionaryService } from './data-dictionary.service';
import { parseDictionaryVersion, type DictionaryFormat, type DictionaryVersion } from './data-dictionary.types';

const SUFFIXES: [string, DictionaryFormat][] = [
  ['.schema.json', 'jsonschema'],
  ['.openapi.json', 'openapi'],
  ['.md', 'markdown'],
];

/**
 * `/unified/<version>.schema.json`, `.openapi.json` and `.md`: the data dictionary of a published
 * version (a number), of the latest one (`latest`) or of the draft (`draft`); same tokens as GraphQL.
 */
@Controller('unified')
export class DataDictionaryController {
  constructor(private readonly dictionary: DataDictionaryService) {}

  @Get(':file')
  @Requires(Permission.READ)
  async dataDictionary(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { version, format } = parseFile(file);
    const rendered = await this.dictionary.render(format, version);
    res
      .status(200)
      // Data, never a page: nothing in it may load or run, whatever opens it.
      .setHeader('Content-Security-Policy', "default-src 'none'")
      .type(rendered.contentType)
      .setHeader('Content-Disposition', `inline; filename="${rendered.fileName}"`)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .send(rendered.body);
  }
}

function parseFile(file: string): { version: DictionaryVersion; format: DictionaryFormat } {
  const match = SUFFIXES.find(([suffix]) => file.toLowerCase().endsWith(suffix));
  if (!match) {
    throw DomainError.badInput([
      { path: 'format', message: `ask for .schema.json, .openapi.json or .md (got "${file}")` },
    ]);
  }
  const version = parseDictionaryVersion(file.slice(0, -match[0].length));
  if (version === undefined) {
    throw DomainError.badInput([
      {
        path: 'version',
        message: `ask for a version number, latest or draft (got "${file.slice(0, -match[0].length)}")`,
      },
    ]);
  }
  return { version, format: match[1] };
}
