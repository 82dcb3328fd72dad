// Figures as a person reads them on the report pages.

/** 0.857 → 85.7%; nothing to measure against → — */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)
