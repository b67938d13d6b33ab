import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { GraphiqlAssets } from './graphiql-assets';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** GraphiQL's scripts and stylesheets: public like the page, and immutable (their names carry their hash). */
@Controller('graphiql')
@Public()
@SkipThrottle({ 'per-token': true, 'per-address': true })
export class GraphiqlAssetsController {
  constructor(private readonly assets: GraphiqlAssets) {}

  @Get(':fileName')
  serve(@Param('fileName') fileName: string, @Res() res: Response): void {
    const asset = this.assets.find(fileName);
    if (!asset) throw new NotFoundException(`No GraphiQL asset ${fileName}`);
    res
      .status(200)
      .set({
        'Content-Type': asset.contentType,
        'Cache-Control': `public, max-age=${ONE_YEAR_SECONDS}, immutable`,
        'X-Content-Type-Options': 'nosniff',
      })
      .send(asset.body);
  }
}
