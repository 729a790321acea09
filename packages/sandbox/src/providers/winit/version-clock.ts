import { formatWinitTimestamp } from '@inv/winit-protocol';

/** Versions are `yyyyMMddHHmmssSSS` + a 4-digit sequence (§11.2). */
export function createVersionClock(): (at: number) => string {
  let sequence = 0;
  return (at) => {
    sequence = (sequence % 9999) + 1;
    const millis = String(((at % 1000) + 1000) % 1000).padStart(3, '0');
    return `${formatWinitTimestamp(at).replace(/\D/g, '')}${millis}${String(sequence).padStart(4, '0')}`;
  };
}
