/**
 * Default planning parameters of the services `servflow init` knows: the
 * bundled sample's values (data/services.csv), of a realistic order of
 * magnitude but not calibrated to any municipality. A starter dataset
 * labels them as defaults to review.
 */
export interface ServiceDefaults {
  readonly id: string;
  readonly name: string;
  readonly namePl: string;
  readonly unit: string;
  readonly catchmentKm: number;
  readonly minFacilitySize: number;
  readonly maxFacilitySize: number;
  /** PLN per new place. */
  readonly capexPerPlace: number;
  /** PLN per new facility. */
  readonly facilityFixedCost: number;
  /** PLN per place and year. */
  readonly opexPerPlace: number;
}

export const SERVICE_DEFAULTS: Readonly<Record<string, ServiceDefaults>> = {
  preschool: {
    id: 'preschool',
    name: 'Preschool',
    namePl: 'Wychowanie przedszkolne',
    unit: 'places',
    catchmentKm: 26,
    minFacilitySize: 25,
    maxFacilitySize: 150,
    capexPerPlace: 45000,
    facilityFixedCost: 1500000,
    opexPerPlace: 16000,
  },
  nursery: {
    id: 'nursery',
    name: 'Nursery',
    namePl: 'Żłobki',
    unit: 'places',
    catchmentKm: 25,
    minFacilitySize: 16,
    maxFacilitySize: 80,
    capexPerPlace: 40000,
    facilityFixedCost: 1000000,
    opexPerPlace: 20000,
  },
  primary_school: {
    id: 'primary_school',
    name: 'Primary school',
    namePl: 'Szkoły podstawowe',
    unit: 'places',
    catchmentKm: 30,
    minFacilitySize: 100,
    maxFacilitySize: 600,
    capexPerPlace: 60000,
    facilityFixedCost: 5000000,
    opexPerPlace: 14000,
  },
};

export const SERVICES_HEADER = [
  'id',
  'name',
  'name_pl',
  'unit',
  'catchment_km',
  'min_facility_size',
  'max_facility_size',
  'capex_per_place',
  'facility_fixed_cost',
  'opex_per_place',
  'decay_beta',
] as const;

/** A services.csv row (decay_beta left empty: calibrated on flows, or the default of METHODS.md). */
export function serviceRow(service: ServiceDefaults): (string | number)[] {
  return [
    service.id,
    service.name,
    service.namePl,
    service.unit,
    service.catchmentKm,
    service.minFacilitySize,
    service.maxFacilitySize,
    service.capexPerPlace,
    service.facilityFixedCost,
    service.opexPerPlace,
    '',
  ];
}
