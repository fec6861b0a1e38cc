import { WfmError, invalidArgument } from '../errors.ts';

/** A site's share of every queue's positions, a fraction; the shares add up to 1. */
export interface SiteShare {
  readonly site: string;
  readonly share: number;
}

/** The single site used when none is given. */
export const ONE_SITE: readonly SiteShare[] = [{ site: 'all', share: 1 }];

/** Throws unless the sites are named once each, with shares in (0, 1] adding up to 1. */
export function requireSiteShares(sites: readonly SiteShare[]): void {
  if (sites.length === 0) throw invalidArgument('sites', 'at least one site', sites);
  const names = new Set<string>();
  for (const { site, share } of sites) {
    if (site === '' || names.has(site)) throw invalidArgument('sites', 'distinct site names', site);
    names.add(site);
    if (!Number.isFinite(share) || share <= 0 || share > 1) {
      throw invalidArgument(`share of ${site}`, 'a number in (0, 1]', share);
    }
  }
  const total = sites.reduce((sum, s) => sum + s.share, 0);
  if (Math.abs(total - 1) > 1e-6) {
    throw new WfmError(
      'InvalidArgument',
      `sites: the shares add up to ${Number(total.toFixed(6))}, expected 1`,
      {
        argument: 'sites',
        total,
      },
    );
  }
}

/** "rabat=0.6,fes=0.4" → site shares; throws WfmError 'InvalidArgument' when malformed. */
export function parseSiteShares(text: string): SiteShare[] {
  const sites = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((pair) => {
      const [site = '', share = ''] = pair.split('=').map((part) => part.trim());
      if (site === '' || !/^\d*\.?\d+$/.test(share)) {
        throw invalidArgument('sites', 'site=share pairs such as rabat=0.6,fes=0.4', pair);
      }
      return { site, share: Number(share) };
    });
  requireSiteShares(sites);
  return sites;
}
