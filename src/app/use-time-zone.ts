/** The UTC / local-time switch: which zone the page writes times in, kept in localStorage for the next visit. */
import { useCallback, useState } from 'react';
import { setShownTimeZone, type TimeZoneMode } from './format.ts';

const ZONE_KEY = 'dmscope.timeZone';

function stored(): TimeZoneMode {
  try {
    return globalThis.localStorage?.getItem(ZONE_KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc'; // storage disabled: UTC, the default
  }
}

export function useTimeZone(): [TimeZoneMode, (mode: TimeZoneMode) => void] {
  const [zone, setZone] = useState<TimeZoneMode>(() => {
    const mode = stored();
    setShownTimeZone(mode);
    return mode;
  });
  const choose = useCallback((mode: TimeZoneMode) => {
    setShownTimeZone(mode);
    try {
      globalThis.localStorage?.setItem(ZONE_KEY, mode);
    } catch {
      // storage disabled: the choice lasts until the page is closed
    }
    setZone(mode);
  }, []);
  return [zone, choose];
}
