import { Args, ArgsType, Field, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { Requires } from '../../auth/access.decorators';
import { Permission } from '../../auth/roles';
import { DomainError } from '../../common/errors';
import { DataDictionaryService } from './data-dictionary.service';
import { parseDictionaryVersion } from './data-dictionary.types';

/** The values are the DictionaryFormat names the service takes. */
export enum DataDictionaryFormat {
  JSON_SCHEMA = 'jsonschema',
  OPENAPI = 'openapi',
  MARKDOWN = 'markdown',
}
registerEnumType(DataDictionaryFormat, {
  name: 'DataDictionaryFormat',
  valuesMap: {
    JSON_SCHEMA: { description: 'A JSON Schema 2020-12 document, one $defs entry per unified entity.' },
    OPENAPI: { description: 'An OpenAPI 3.1 document, one components.schemas entry per unified entity.' },
    MARKDOWN: { description: 'GitHub-flavoured Markdown: a section and a table of fields per unified entity.' },
  },
});

@ArgsType()
export class UnifiedDataDictionaryArgs {
  @Field({ defaultValue: 'latest', description: 'A published version number, "latest" (published) or "draft".' })
  @IsString()
  @MaxLength(20)
  version: string = 'latest';

  @Field(() => DataDictionaryFormat, { defaultValue: DataDictionaryFormat.MARKDOWN })
  @IsEnum(DataDictionaryFormat)
  format: DataDictionaryFormat = DataDictionaryFormat.MARKDOWN;
}

@Resolver()
export class DataDictionaryResolver {
  constructor(private readonly dictionary: DataDictionaryService) {}

  @Query(() => String, {
    description:
      'The data dictionary of a unified schema version: every entity and field with its type, description, ' +
      'synonyms, PII class, allowed values and the services that supply it (CONFIRMED mappings, systems of ' +
      'record first). The same documents as GET /unified/<version>.schema.json, .openapi.json and .md.',
  })
  @Requires(Permission.READ)
  async unifiedDataDictionary(@Args() args: UnifiedDataDictionaryArgs): Promise<string> {
    const version = parseDictionaryVersion(args.version);
    if (version === undefined) {
      throw DomainError.badInput([
        { path: 'version', message: `must be a version number, latest or draft (got "${args.version}")` },
      ]);
    }
    return (await this.dictionary.render(args.format, version)).body;
  }
}
