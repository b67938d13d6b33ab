import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { loadConfig } from './config';
import { EstateConfigService } from './estate-config.service';

@Module({})
export class EstateConfigModule {
  /** Validates the environment when the app boots: an invalid variable stops the boot, named. */
  static forRoot(): DynamicModule {
    return {
      module: EstateConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          validate: (env) => {
            loadConfig(env as Record<string, string | undefined>);
            return env;
          },
          load: [() => ({ estate: loadConfig(process.env) })],
        }),
      ],
      providers: [EstateConfigService],
      exports: [EstateConfigService],
    };
  }
}
