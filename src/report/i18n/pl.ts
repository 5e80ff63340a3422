/** Polski: treść każdego raportu (nazwy własne i jednostki z danych pozostają bez zmian). */
import { SAMPLED_PLAYERS } from '../../analysis/cost-sharing/bill-groups.js';
import { EXACT_PLAYERS } from '../../analysis/cost-sharing/shapley.js';
import { PL_NUMBERS, cellFormatter, formatNumber } from './format.js';
import type { Messages, TerminalWords } from './messages.js';
import type { HtmlLabels } from '../visuals.js';

const num = (value: number | null | undefined, decimals = 0): string => formatNumber(value, decimals, PL_NUMBERS);
const pct = (value: number | null | undefined, decimals = 0): string => (value === null || value === undefined || Number.isNaN(value) ? '–' : `${num(value * 100, decimals)}%`);
/** Pozycje wymieniane w zdaniu: w kraju pierwsze dziesięć (najważniejsze na początku), resztę się liczy. */
const MAX_LISTED = 10;
const list = (items: readonly string[]): string => {
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED).join(', ')} i jeszcze ${num(items.length - MAX_LISTED)}`;
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} i ${items[items.length - 1]}`;
};
const money = (value: number): string => {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${num(value / 1e6, 2)} mln zł`;
  if (magnitude >= 1e4) return `${num(value / 1e3, 0)} tys. zł`;
  return `${num(value, 0)} zł`;
};
/**
 * The one Polish plural rule of the catalogue, for a whole number as shown:
 * 1 obszar; 2–4, 22–24, 32–34, … obszary; 0, 5–21, 25–31, …, 112–114, 412
 * obszarów. A number shown with decimals takes the "few" form (2,5 miejsca).
 */
export const plural = (count: number, one: string, few: string, many: string): string => {
  if (!Number.isInteger(count)) return few;
  const size = Math.abs(count);
  if (size === 1) return one;
  const tens = size % 100;
  const units = size % 10;
  return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? few : many;
};
/** Units of capacity as DATA.md names them, declined after a number: 1 miejsce, 2 miejsca, 5 miejsc. */
const UNITS: Readonly<Record<string, readonly [string, string, string]>> = {
  places: ['miejsce', 'miejsca', 'miejsc'],
  place: ['miejsce', 'miejsca', 'miejsc'],
  beds: ['łóżko', 'łóżka', 'łóżek'],
  seats: ['miejsce', 'miejsca', 'miejsc'],
  pupils: ['uczeń', 'uczniów', 'uczniów'],
  children: ['dziecko', 'dzieci', 'dzieci'],
};
/** The unit after a number shown whole (`num(count)`): the form follows the number as printed, 411,6 → "412 miejsc". */
const unitFor = (count: number, unit: string): string => {
  const forms = UNITS[unit.trim().toLowerCase()];
  return forms ? plural(Math.round(count), forms[0], forms[1], forms[2]) : unit;
};
/** A whole number and its unit: "1 miejsce", "22 miejsca", "412 miejsc". */
const count = (value: number, unit: string): string => `${num(value)} ${unitFor(value, unit)}`;
const unitName = (unit: string): string => UNITS[unit.trim().toLowerCase()]?.[1] ?? unit;
const beta = (form: 'exp' | 'pow', value: number): string => (form === 'exp' ? `β = ${num(value, 4)} na km` : `β = ${num(value, 4)}`);
const giniWord = (gini: number): string => (gini < 0.1 ? 'nieznacznie' : gini < 0.25 ? 'umiarkowanie' : 'silnie');
const built = (items: readonly { kind: 'new' | 'expansion'; count?: number; name: string; places: number; unit: string; also: readonly string[] }[]): string =>
  list(
    items.map(
      (b) =>
        `${b.kind === 'new' ? ((b.count ?? 1) > 1 ? `nowe placówki (${num(b.count!)}) w gminie` : 'nowa placówka w gminie') : 'rozbudowa w gminie'} ${b.name} (${count(b.places, b.unit)}${b.also.length > 0 ? `, także dla: ${list(b.also)}` : ''})`,
    ),
  );

const HTML: HtmlLabels = {
  number: num,
  signed: (value) => (Math.round(value) > 0 ? `+${num(Math.round(value))}` : num(Math.round(value))),
  money,
  cell: cellFormatter(
    num,
    (value) => `${num(value * 100, 1)}%`,
    (value) => `${num(value)} zł`,
  ),
  yes: 'tak',
  no: 'nie',
  figuresHeading: 'Wykresy i mapy',
  moreColumns: (names) => `Pozostałe kolumny: ${names.join(', ')}`,
  service: (name, unit) => `${name} (${unitName(unit)})`,
  partner: 'partner',
  neighbour: 'gmina sąsiednia (świadczy usługi, nie jest partnerem)',
  balanceTitle: (service) => `${service}: podaż − zapotrzebowanie według gmin`,
  balanceAxis: (unit) => `podaż − zapotrzebowanie (${unitName(unit)})`,
  surplus: 'nadwyżka',
  deficit: 'niedobór',
  balanceSummary: (service, unit, deficits, surpluses) =>
    `Wykres słupkowy: podaż minus zapotrzebowanie (${unitName(unit)}), usługa ${service}, według gmin: ${deficits} z niedoborem, ${surpluses} z nadwyżką.`,
  balanceItem: (name, value, partner) => `${name}: ${value}${partner ? ' (partner)' : ''}`,
  costTitle: (service) => `${service}: udziały w kosztach według zasad podziału`,
  costAxis: (millions) => (millions ? 'koszt (mln zł)' : 'koszt (zł)'),
  rules: { standalone: 'samodzielnie', byUse: 'wg korzystania', byPopulation: 'wg ludności', shapley: 'wartość Shapleya', scrb: 'SCRB', nucleolus: 'nukleolus' },
  costSummary: (service, total, players) =>
    `Wykres słupkowy: jak ${num(players)} ${plural(players, 'gmina partnerska podzieliłaby', 'gminy partnerskie podzieliłyby', 'gmin partnerskich podzieliłoby')} koszt ${total} (usługa ${service}) według każdej zasady, w porównaniu z działaniem samodzielnie.`,
  costItem: (name, values) => `${name}: ${values.map((v) => `${v.rule} ${v.value}`).join(', ')}`,
  mapTitle: (service) => `${service}: przepływy między gminami`,
  mapSummary: (service, drawn, largest) =>
    drawn === 0
      ? `Mapa partnerstwa: brak przepływów między gminami (usługa ${service}).`
      : `Mapa partnerstwa: ${num(drawn)} ${plural(drawn, 'przepływ', 'przepływy', 'przepływów')} między gminami (usługa ${service}) jako strzałki${largest ? `; największy: ${largest}` : ''}.`,
  flowItem: (from, to, users) => `${from} → ${to}: ${users}`,
  flowWidth: 'mieszkańcy korzystający z miejsca w innej gminie',
  observedFlows: 'przepływy obserwowane',
  estimatedFlows: 'przepływy oszacowane modelem grawitacji',
  hiddenFlows: (count, below) => `nie narysowano ${num(count)} mniejszych przepływów (poniżej ${below})`,
  omitted: (omitted) => `… pominięto ${num(omitted)} ${plural(omitted, 'gminę', 'gminy', 'gmin')} (są w tabelach)`,
  boundariesSource: 'Granice: PRG (GUGiK), uproszczone',
  noBoundaries: 'Brak granic: gminy pokazano jako punkty',
  serviceName: (service) => service.namePl ?? service.name,
  mainFlows: (shown, below, hidden) =>
    `Narysowano tylko główne przepływy: ${num(shown)} ${plural(shown, 'największy', 'największe', 'największych')}, od ${below} os. wzwyż; ${num(hidden)} ${plural(hidden, 'mniejszy pominięto', 'mniejsze pominięto', 'mniejszych pominięto')} (wszystkie są w flows.csv).`,
  coverageTitle: (service) => `${service}: pokrycie według gmin (miejsca na potrzebującego)`,
  coverageSummary: (service, below, total) =>
    `Mapa pokrycia (podaż ÷ zapotrzebowanie), usługa ${service}: ${num(below)} z ${num(total)} ${plural(total, 'gminy', 'gmin', 'gmin')} z zapotrzebowaniem ma mniej miejsc niż potrzebujących mieszkańców.`,
  coverageItem: (name, value) => `${name}: ${value}`,
  coverageBin: (from, to) => (from === null ? `poniżej ${pct(to)}` : to === null ? `${pct(from)} i więcej` : `od ${pct(from)} do poniżej ${pct(to)}`),
  noDemand: 'brak zapotrzebowania',
  coverageLegend: 'Pokrycie = miejsca ÷ potrzebujący mieszkańcy:',
};

const TERMINAL: TerminalWords = {
  unit: unitName,
  overview: (municipalities, partners, services) =>
    `${num(municipalities)} ${plural(municipalities, 'gmina', 'gminy', 'gmin')} (${num(partners)} ${plural(partners, 'partner', 'partnerów', 'partnerów')}), ${num(services)} ${plural(services, 'usługa', 'usługi', 'usług')}`,
  estimated: 'brak danych o przepływach: szacunek modelem grawitacji',
  partners: 'partnerzy',
  inDeficit: 'niedobór',
  mainProvider: 'główny ośrodek',
  inequality: 'nierówność',
  supply: (supply, demand, coverage, unit) => `${count(supply, unit)} dla ${num(demand)} potrzebujących, pokrycie ${pct(coverage)}, bez miejsca`,
  flowsEstimated: '(przepływy szacowane)',
  moreInDeficit: (count) => `i ${num(count)} ${plural(count, 'inna', 'inne', 'innych')} (imbalance.csv)`,
  none: 'brak',
  noProvider: 'brak (brak przepływów między gminami)',
  provider: (name, inflow) => `${name}, ${num(inflow)} korzystających z innych gmin`,
  fewPartners: 'mniej niż dwóch partnerów z zapotrzebowaniem',
  inequalityValues: (gini, theil, cv, maxMin) => `Gini ${num(gini, 2)} · Theil ${num(theil, 3)} · CV ${num(cv, 2)} · maks./min. ${maxMin === null ? '–' : num(maxMin, 2)}`,
  wrote: (files, folder) => `zapisano ${files.join(', ')} w ${folder}/`,
};

/** Data warnings by their code (the loader's messages are English). */
const WARNINGS: Readonly<Record<string, string>> = {
  'padded-id': 'kody TERYT bez wiodącego zera zostały uzupełnione',
  'aggregate-row': 'pominięto wiersze zbiorcze (Polska, województwa, powiaty)',
  'part-row': 'pominięto wiersze części gmin (typ TERYT 4, 5, 8 lub 9)',
  'flows-above-capacity': 'przepływy do gminy przekraczają liczbę miejsc',
  'flows-above-demand': 'przepływy mieszkańców gminy przekraczają ich zapotrzebowanie',
  'no-demand': 'usługa bez zapotrzebowania w żadnej gminie',
  'no-rows': 'plik bez wierszy danych',
};

export const PL: Messages = {
  terminal: TERMINAL,
  places: count,
  xlsx: { sheet: 'Uwagi', sheetColumn: 'Arkusz', noteColumn: 'Uwaga', table: 'Tabela' },
  html: HTML,
  serviceName: (service) => service.namePl ?? service.name,
  warning: (issue) =>
    `${[issue.file, issue.line > 0 ? String(issue.line) : '', issue.line > 0 && issue.column > 0 ? String(issue.column) : ''].filter((part) => part !== '').join(':')}: ostrzeżenie: ${WARNINGS[issue.code] ?? 'zobacz komunikat programu servflow validate'}`,
  lang: 'pl',
  num,
  pct,
  signed: (value) => {
    const rounded = Math.round(value);
    return rounded > 0 ? `+${num(rounded)}` : rounded < 0 ? num(rounded) : '0';
  },
  money,
  list,
  yes: 'tak',
  no: 'nie',
  classes: { underserved: 'niedostatecznie obsłużona', hub: 'ośrodek usługowy', dependent: 'zależna', 'self-sufficient': 'samowystarczalna' },
  kinds: { urban: 'miejska', rural: 'wiejska', 'urban-rural': 'miejsko-wiejska' },
  flowKinds: { observed: 'obserwowane', estimated: 'szacowane', calibrated: 'skalibrowany', notCalibrated: 'nieskalibrowany', newFacility: 'nowa placówka', expansion: 'rozbudowa' },
  decay: { exp: 'exp(−βd)', pow: 'd^−β' },
  title: (name, year) => `${name}${year !== undefined ? ` (${year})` : ''}: przepływy usług publicznych`,
  partnersCount: (partners, others) =>
    `Partnerzy: ${num(partners)} ${plural(partners, 'gmina', 'gminy', 'gmin')}${others > 0 ? `; ${num(others)} ${plural(others, 'gmina analizowana', 'gminy analizowane', 'gmin analizowanych')} także jako świadczące usługi` : ''} (wszystkie są w imbalance.csv).`,
  partnersLine: (partners, others) => `Partnerzy: ${partners.join(', ')}.${others.length > 0 ? ` Analizowane także jako świadczące usługi: ${others.join(', ')}.` : ''}`,
  headings: {
    findings: 'Wnioski',
    workingTogether: 'Współpraca.',
    gravity: 'Spadek korzystania z odległością (model grawitacji)',
    graph: 'Graf przepływów, wszystkie usługi',
    warnings: 'Ostrzeżenia dotyczące danych',
    service: (name, unit) => `${name} (${unitName(unit)})`,
    agreements: (service) => `${service}: porozumienia o wspólnym korzystaniu z miejsc`,
    investments: (service) => `${service}: inwestycje`,
    costSharing: (service, total) => `${service}: kto płaci (${total})`,
  },
  sheets: {
    agreements: (service) => `Umowy – ${service}`,
    investments: (service) => `Inwestycje – ${service}`,
    costSharing: (service) => `Kto płaci – ${service}`,
    gravity: 'Model grawitacji',
    graph: 'Graf przepływów',
  },
  columns: {
    municipality: 'Gmina',
    partner: 'Partner',
    supply: 'Podaż',
    demand: 'Zapotrzebowanie',
    balance: 'Bilans',
    coverage: 'Pokrycie',
    inflow: 'Napływ',
    outflow: 'Odpływ',
    net_flow: 'Saldo przepływów',
    local: 'Na miejscu',
    local_inferred: 'Na miejscu wyliczone',
    unmet: 'Bez miejsca',
    spare: 'Wolne',
    access_2sfca: 'Dostępność (2SFCA)',
    class: 'Klasa',
    service: 'Usługa',
    flows: 'Przepływy',
    decay: 'Spadek',
    beta: 'β',
    beta_se: 'Błąd β',
    alpha: 'α',
    alpha_se: 'Błąd α',
    pairs: 'Pary',
    pseudo_r2: 'Pseudo-R²',
    srmse: 'SRMSE',
    sorensen: 'Wskaźnik Sørensena',
    mean_trip_observed: 'Średnia podróż, obserwowana (km)',
    mean_trip_modelled: 'Średnia podróż, z modelu (km)',
    pagerank: 'PageRank',
    hub: 'Koncentrator',
    authority: 'Autorytet',
    area: 'Obszar',
    buyer: 'Kupujący',
    provider: 'Dostawca',
    places: 'Miejsca',
    km: 'km',
    yearly_cost: 'Koszt roczny (zł)',
    type: 'Rodzaj',
    capex: 'Nakłady (zł)',
    opex_per_year: 'Utrzymanie rocznie (zł)',
    serves: 'Obsługuje',
    mean_km: 'Średnio km',
    max_km: 'Najdalej km',
    standalone: 'Samodzielnie',
    by_use: 'Wg korzystania',
    by_population: 'Wg ludności',
    shapley: 'Wartość Shapleya',
    shapley_se: 'Błąd wartości Shapleya',
    saving: 'Oszczędność',
    shapley_core: 'Shapley w rdzeniu',
    scrb: 'SCRB',
    nucleolus: 'Nukleolus',
    scrb_core: 'SCRB w rdzeniu',
    nucleolus_core: 'Nukleolus w rdzeniu',
    by_use_core: 'Wg korzystania w rdzeniu',
    by_population_core: 'Wg ludności w rdzeniu',
  },
  notes: {
    imbalance: (catchment) => `Bilans = podaż − zapotrzebowanie; saldo = napływ − odpływ; dostępność = miejsca na osobę potrzebującą w promieniu ${catchment} km (2SFCA).`,
    inferred: 'Na miejscu wyliczone: korzystanie na miejscu nie było podane i wynika z zasady pierwszeństwa własnej gminy.',
    notPartner: 'Partner „nie”: gmina sąsiednia, analizowana jako świadcząca usługi.',
    estimated: 'Przepływy, korzystanie na miejscu, napływ, odpływ i niezaspokojone potrzeby są szacunkami z modelu grawitacji.',
    gravity:
      'Model grawitacji z ograniczeniem po stronie źródeł: T_ij = O_i·W_j^α·f(d_ij) / Σ_k W_k^α·f(d_ik), W = liczba miejsc, dla celów w promieniu dwóch zasięgów usługi; tam, gdzie znane są przepływy, parametry dobrano metodą największej wiarygodności (rozkład Poissona, efekty stałe gmin źródłowych). Wskaźnik Sørensena = wspólna część przepływów obserwowanych i modelowanych.',
    graph: (density, reciprocity) => `Gęstość ${density}, wzajemność ${reciprocity} wolumenu przepływów. PageRank z tłumieniem 0,85 na wagach przepływów; wyniki HITS sumują się do 1.`,
    costSharing: (lambda, complete) =>
      `Koszty w złotych: nakłady plus λ = ${lambda} zł za osobokilometr; koszt każdej grupy obejmuje tych mieszkańców jej członków, których obsługuje plan (tych, których nie obsłuży na własnym terenie, według opcji zewnętrznej). SCRB: koszty rozdzielne i pozostałe korzyści; nukleolus: podział, w którym największa nadpłata grupy jest najmniejsza z możliwych (puste, gdy nie wyznaczono). „W rdzeniu”: gmina nie należy do żadnej grupy, która zapłaciłaby mniej, działając sama${complete ? '' : ` (sprawdzono każdą grupę w grupach rozliczeniowych do ${EXACT_PLAYERS} partnerów; w większych pojedyncze gminy, grupy bez jednej gminy i każdą grupę, której koszt policzono dla losowanej wartości Shapleya, powyżej ${SAMPLED_PLAYERS} partnerów tylko pojedyncze gminy)`}.`,
    largestAgreements: (shown, total) => `${num(shown)} największych z ${num(total)} porozumień (według liczby miejsc); wszystkie są w agreements.csv i report.xlsx.`,
    largestShortfalls: (shown, total) =>
      `${num(shown)} z ${num(total)} gmin o największym niezaspokojonym zapotrzebowaniu, a potem największym niedoborze; wszystkie są w imbalance.csv i report.xlsx.`,
    highestPagerank: (shown, total) => `${num(shown)} z ${num(total)} gmin o najwyższym PageRanku; wszystkie są w graph.csv i report.xlsx.`,
    largestInvestments: (shown, total) => `${num(shown)} największych z ${num(total)} nowych placówek i rozbudów (według nakładów); wszystkie są w investments.csv i report.xlsx.`,
    largestStandalone: (shown, total) => `${num(shown)} z ${num(total)} partnerów o największym koszcie samodzielnym; wszyscy są w cost-sharing.csv i report.xlsx.`,
    footer: 'Raport przygotowany programem servflow na podstawie powyższego zbioru danych; metody: servflow, docs/methods.md §1–§8.',
  },
  partnersHave: (supply, unit, demand, coverage, unmet, estimated) =>
    `Partnerzy mają ${count(supply, unit)} dla ${num(demand)} potrzebujących mieszkańców (pokrycie ${pct(coverage)}); ${
      Math.round(unmet) > 0
        ? `${num(unmet)} ich mieszkańców nie ma miejsca ${estimated ? 'w zasięgu (szacunek)' : 'nigdzie'}`
        : estimated
          ? 'oszacowane przepływy zapewniają miejsce każdemu potrzebującemu'
          : 'każdy potrzebujący mieszkaniec ma miejsce'
    }.`,
  underserved: (items) => `Niedostatecznie obsłużone: ${list(items.map((i) => `${i.name} (${num(i.unmet)} bez miejsca, ${pct(i.share)} zapotrzebowania)`))}.`,
  deficit: (unit, items) =>
    `${items.length === 1 ? 'Jeden partner ma' : `${num(items.length)} ${plural(items.length, 'partner ma', 'partnerzy mają', 'partnerów ma')}`} mniej miejsc niż potrzebujących mieszkańców: ${list(items.map((i) => `${i.name} (brakuje ${num(i.short)})`))}.`,
  noDeficit: () => 'Żaden partner nie ma mniej miejsc niż potrzebujących mieszkańców.',
  mainProvider: (name, partner, inflow, attraction, fromPartners) =>
    `${name}${partner ? '' : ', spoza partnerstwa,'} jest głównym ośrodkiem usługowym: ${num(inflow)} korzystających pochodzi z innych gmin (${pct(attraction)} wszystkich korzystających), w tym ${num(fromPartners)} z gmin partnerskich.`,
  moreDependent: (count) => `Podobnie zależnych od innych gmin jest jeszcze ${num(count)} ${plural(count, 'partner', 'partnerów', 'partnerów')} (zależność w imbalance.csv).`,
  dependsOn: (name, dependency, unit, top) =>
    `${name} zależy od innych gmin: ${pct(dependency)} obsłużonych mieszkańców korzysta z usług poza gminą${top ? `, najwięcej w gminie ${top.name} (${num(top.users)})` : ''}.`,
  noPlaceWithinReach: (all, partners, reach) =>
    Math.round(all) > 0
      ? `Według szacunku uwzględniającego liczbę miejsc ${num(all)} potrzebujących mieszkańców (w tym ${num(partners)} z gmin partnerskich) nie ma miejsca w promieniu ${num(reach)} km: wszystkie miejsca w ich zasięgu są zajęte albo ich nie ma.`
      : `Według szacunku uwzględniającego liczbę miejsc każdy potrzebujący ma miejsce w promieniu ${num(reach)} km.`,
  decaySensitivity: (form, points, provider) =>
    `Wartość β jest założona, nie zaobserwowana: przy ${beta(form, points[0].beta)} brak miejsc u partnerów wyniósłby ${num(points[0].unmet)}${provider ? `, a napływ do gminy ${provider} ${num(points[0].providerInflow)}` : ''}, przy ${beta(form, points[2].beta)} ${num(points[2].unmet)}${provider ? ` i ${num(points[2].providerInflow)}` : ''} (${num(points[1].unmet)}${provider ? ` i ${num(points[1].providerInflow)}` : ''} przy przyjętej wartości β).`,
  inferredLocal: (names) => `Korzystanie na miejscu w ${names.length === 1 ? 'gminie' : 'gminach'} ${list(names)} nie było podane i zostało wyliczone (zasada pierwszeństwa własnej gminy).`,
  inequality: (gini, theil, cv, maxMin) =>
    `Pokrycie ${giniWord(gini)} różni się między partnerami (z wagami zapotrzebowania): współczynnik Giniego ${num(gini, 2)}, indeks Theila ${num(theil, 3)}, współczynnik zmienności ${num(cv, 2)}, iloraz największego do najmniejszego ${maxMin === null ? 'nieokreślony (jeden z partnerów nie ma miejsc)' : num(maxMin, 2)}.`,
  gravityCalibrated: (form, value, se, alpha, sorensen, pseudoR2, meanTrip) =>
    `Korzystanie maleje z odległością: ${beta(form, value)} (błąd standardowy ${num(se, 4)}), α = ${num(alpha, 2)}; skalibrowany model grawitacji odtwarza ${num(sorensen * 100)}% obserwowanych przepływów (wskaźnik Sørensena), pseudo-R² ${num(pseudoR2, 2)}, średnia podróż ${num(meanTrip, 1)} km.`,
  gravityEstimated: (form, value, source, donor, reach) =>
    `Dla tej usługi nie podano przepływów między gminami: oszacowano je modelem grawitacji uwzględniającym liczbę miejsc (${beta(form, value)}, ${
      source === 'decay_beta'
        ? 'wartość z pliku services.csv'
        : source === 'parameter'
          ? 'parametr default_decay_beta'
          : source === 'borrowed'
            ? `wartość skalibrowana na obserwowanych przepływach usługi ${donor}, przyjęta także dla tej usługi`
            : 'wartość domyślna programu'
    }; α = 1) na podstawie zapotrzebowania i liczby miejsc w promieniu ${num(reach)} km — żadna placówka nie przyjmuje więcej osób, niż ma miejsc — więc napływy, odpływy, korzystanie na miejscu, brak miejsc, zależność i przyciąganie są szacunkami modelu.`,
  gravityFailed: (note) => `Nie udało się skalibrować modelu grawitacji na obserwowanych przepływach${note ? ` (${note})` : ''}.`,
  noAreas: 'Nie podano przepływów między gminami, więc nie można wyznaczyć funkcjonalnych obszarów usług.',
  areasIntro: (count, modularity) =>
    `Przepływy tworzą ${count} ${plural(count, 'funkcjonalny obszar', 'funkcjonalne obszary', 'funkcjonalnych obszarów')} usług (społeczności Louvain wszystkich przepływów, modularność ${num(modularity, 2)}):`,
  areaAround: (core, members) => `wokół gminy ${core}: ${list(members)}`,
  areasAlone: (names) => `osobno: ${list(names)}`,
  sharingDeals: (unit, catchment, after, baseline, estimated, deals, yearly, places, incremental) =>
    `${incremental ? 'Wspólne korzystanie z miejsc wolnych dziś' : 'Przydział wszystkich istniejących miejsc od nowa'} w promieniu ${num(catchment)} km pozostawia ${num(after)} mieszkańców gmin partnerskich bez miejsca, wobec ${num(baseline)} ${estimated ? 'przy obsłudze wyłącznie własnych mieszkańców' : 'obecnie'}: ${list(
      deals.map((d) => `${d.buyer} kupuje ${list(d.items.map((i) => `${num(i.places)} w gminie ${i.provider}`))}`),
    )} (${incremental ? `${num(places)} nowych miejsc, ${money(yearly)} rocznie nowych kosztów utrzymania; kto ma dziś miejsce, zachowuje je` : `${money(yearly)} rocznie według kosztu utrzymania miejsca`}).`,
  sharingBetterUse: (_unit, after, baseline, estimated) =>
    `Lepsze wykorzystanie istniejących miejsc w każdej gminie pozostawia ${num(after)} mieszkańców gmin partnerskich bez miejsca, wobec ${num(baseline)} ${estimated ? 'przy obsłudze wyłącznie własnych mieszkańców' : 'obecnie'}.`,
  sharingNone: (_unit, catchment) =>
    `Wspólne korzystanie z istniejących miejsc nie obsłuży więcej mieszkańców: żaden partner z wolnymi miejscami nie leży w promieniu ${num(catchment)} km od potrzebującego.`,
  plan: (residents, optimal, gap, items, investment, opex) =>
    `Dla pozostałych ${num(residents)} mieszkańców ${optimal ? 'najtańszy plan (optymalność udowodniona)' : `najlepszy plan znaleziony w granicach czasu obliczeń, najwyżej o ${num(gap * 100, 1)}% droższy od najlepszego możliwego,`} to ${built(items)}: ${money(investment)} na budowę i ${money(opex)} rocznie na utrzymanie.`,
  planBudget: (budget, left, optimal, items, served, investment, opex) =>
    `Przy budżecie ${money(budget)} plan obsługujący najwięcej spośród ${num(left)} pozostałych mieszkańców${optimal ? ' (optymalność udowodniona)' : ''} to ${built(items)}: obsługuje ${num(served)}, kosztuje ${money(investment)} na budowę i ${money(opex)} rocznie na utrzymanie.`,
  noInvestment: 'Inwestycje nie są potrzebne: wspólne korzystanie z miejsc obsługuje wszystkich potrzebujących mieszkańców gmin partnerskich.',
  unreachable: (items, catchment) =>
    `${list(items.map((i) => `${num(i.residents)} ${plural(i.residents, 'mieszkańca', 'mieszkańców', 'mieszkańców')} gminy ${i.name}`))} nie dociera do żadnej możliwej lokalizacji w promieniu ${num(catchment)} km: żadna placówka partnerstwa nie mogłaby ich obsłużyć.`,
  unservedInBudget: (residents) => `W ramach budżetu ${num(residents)} mieszkańców pozostaje bez miejsca.`,
  capacityShort: (residents) =>
    `Mimo to ${num(residents)} mieszkańców pozostaje bez miejsca: możliwe lokalizacje w zasięgu nie pomieszczą ich (rozbudowy do dopuszczalnego limitu, brak lokalizacji dla nowej placówki).`,
  withoutBudget: (total) => `Poniższy podział dotyczy planu w ramach budżetu: ${money(total)} za obsługę mieszkańców, których ten plan obsługuje.`,
  shapleySplit: (total, exact, permutations, shares) =>
    `Podział ${money(total)} według wartości Shapleya${exact ? '' : ` (metoda Monte Carlo, ${permutations} permutacji)`}: ${list(
      shares.map(
        (s) =>
          `${s.name} ${money(s.share)}${exact || !(s.se > 0) ? '' : ` (± ${money(s.se)})`}${s.saving > 0.5 ? `, oszczędność ${money(s.saving)} wobec działania samodzielnie` : s.saving < -0.5 ? `, o ${money(-s.saving)} więcej niż przy działaniu samodzielnie` : ''}`,
      ),
    )}.`,
  largeGroups: (players, limit) =>
    `Dla ${num(players)} ${players === 1 ? 'partnera' : 'partnerów'} w grupach wspólnych placówek liczących ponad ${num(limit)} gmin wartości Shapleya i SCRB nie wyznaczono (każda wymagałaby setek planów koalicji wielkości całej grupy); ich rachunki dzieli alokacja z cen dualnych relaksacji LP, gdy relaksacja na to pozwala, oraz podział proporcjonalny do wykorzystanych miejsc lub do liczby ludności (docs/methods.md §8).`,
  coalitionCostGap: (percent, solves, exact, provedWithin) =>
    `W grupach wspólnych placówek liczących ponad ${num(exact)} gmin koszt koalicji wyznacza metoda podziału i ograniczeń (co najwyżej ${num(solves)} rozwiązań LP), a gdy to nie wystarcza – solver MILP HiGHS; każda z nich kończy na planie w granicach ${num(provedWithin * 100, 2)} % od swojego ograniczenia, więc koszt każdej koalicji jest najwyżej o ${num(percent, Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(percent)))))} % wyższy od najniższego możliwego (docs/methods.md §8).`,
  otherRules: (scrb, nucleolus, negative, nucleolusEverywhere = true) =>
    `Według kosztów rozdzielnych i pozostałych korzyści (SCRB): ${list(scrb.map((s) => `${s.name} ${money(s.share)}`))}${
      negative.length > 0 ? ` (${list(negative)} zyskałby mniej niż wynosi koszt rozdzielny, więc płaci ten koszt i nic z reszty)` : ''
    }. ${
      nucleolus
        ? `Według nukleolusa${nucleolusEverywhere ? '' : ' — w grupach rozliczeniowych, w których go wyznaczono (najwyżej 12 graczy, koszty samodzielne pokrywające rachunek)'}: ${list(nucleolus.map((s) => `${s.name} ${money(s.share)}`))}.`
        : 'Nukleolusa tu nie wyznaczono (ponad 12 graczy w grupie albo koszty samodzielne sumują się do mniej niż rachunek).'
    }`,
  outsideOption: (items) =>
    `Koszty samodzielne obejmują tych samych mieszkańców co plan: ${list(items.map((i) => `${num(i.residents)} ${plural(i.residents, 'mieszkańca', 'mieszkańców', 'mieszkańców')} gminy ${i.name}`))} nie da się obsłużyć na własnym terenie, więc wyceniono ich według najlepszej opcji zewnętrznej (najtańszy plan z każdą możliwą lokalizacją w zasięgu, na mieszkańca).`,
  ruleNotInCore: (rule, members, excess, violations) =>
    `Uwaga: podział ${rule === 'by_use' ? 'proporcjonalny do liczby wykorzystanych miejsc' : rule === 'by_population' ? 'proporcjonalny do liczby ludności' : rule === 'scrb' ? 'metodą SCRB' : 'według nukleolusa'} obciążyłby ${list(members)} kwotą o ${money(excess)} wyższą niż ${members.length === 1 ? 'przy działaniu samodzielnie' : 'przy wspólnym działaniu tylko tych gmin'} — taki podział nie należy do rdzenia (${violations} ${plural(violations, 'koalicja byłaby', 'koalicje byłyby', 'koalicji byłoby')} w lepszej sytuacji osobno), więc nie jest trwałym porozumieniem.`,
  shapleyNotInCore: (violations) =>
    `Nawet wartość Shapleya pozostawia ${violations} ${plural(violations, 'koalicję', 'koalicje', 'koalicji')} z kosztem wyższym niż przy działaniu osobno: rdzeń może tu być pusty, a podział wymaga negocjacji.`,
};
