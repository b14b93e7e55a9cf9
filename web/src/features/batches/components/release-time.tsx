import { Text } from "@mantine/core";
import { useEffect, useState } from "react";

import { formatRelative, formatTime } from "@/lib/format";

const TICK_MS = 15_000;

/** The time now, again every few seconds, for a relative time that stays right. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** When a scheduled batch's jobs are released: local time and how far off. */
export function ReleaseTime({ at }: { at: string }) {
  const now = useNow();
  return (
    <Text size="sm" data-testid="batch-release" data-at={at}>
      Runs {formatTime(at)} ({formatRelative(at, now)}); its jobs wait as scheduled until then.
    </Text>
  );
}
