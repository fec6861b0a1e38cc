import { poissonRegression } from './poisson-regression.ts';
import { seasonalNaive } from './seasonal-naive.ts';
import type { ForecastMethod } from './training.ts';
import { weekdayProfile } from './weekday-profile.ts';

/** The forecast methods by name, simplest first. */
export const FORECAST_METHODS = {
  'seasonal-naive': seasonalNaive,
  'weekday-profile': weekdayProfile,
  'poisson-regression': poissonRegression,
} as const satisfies Record<string, ForecastMethod>;

export type ForecastMethodName = keyof typeof FORECAST_METHODS;

export const FORECAST_METHOD_NAMES = Object.keys(FORECAST_METHODS) as ForecastMethodName[];
