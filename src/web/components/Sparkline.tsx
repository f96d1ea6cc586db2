import { Box, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';

interface SparklineProps {
  /** Oldest first. */
  values: number[];
  min: number;
  max: number;
  /** What the chart shows, for screen readers (e.g. "コンディションの推移"). */
  label: string;
  /** The values in words, read instead of the drawing (e.g. "4月1日: 4, 4月8日: 3"). */
  description: string;
  /** A reference line, e.g. the person's baseline. */
  reference?: number | null;
  width?: number;
  height?: number;
}

/**
 * A small line chart drawn as inline SVG: an image with a name and a text alternative listing the
 * values, so nothing is conveyed by the drawing alone. Scales down to the space it gets.
 */
export function Sparkline({ values, min, max, label, description, reference, width = 240, height = 56 }: SparklineProps) {
  const descId = useId();
  const pad = 6;
  const span = Math.max(1, max - min);
  const x = (i: number) => (values.length <= 1 ? width / 2 : pad + (i * (width - pad * 2)) / (values.length - 1));
  const y = (v: number) => pad + ((max - v) * (height - pad * 2)) / span;
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <Box maw={width} w="100%">
      <svg
        role="img"
        aria-label={label}
        aria-describedby={descId}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ display: 'block', overflow: 'visible', height: 'auto' }}
      >
        {reference !== null && reference !== undefined ? (
          <line
            x1={pad}
            x2={width - pad}
            y1={y(reference)}
            y2={y(reference)}
            stroke="var(--mantine-color-gray-6)"
            strokeDasharray="4 3"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
        {values.length > 1 ? (
          <polyline points={points} fill="none" stroke="var(--mantine-color-teal-7)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        ) : null}
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={i === last ? 4 : 2.5} fill={i === last ? 'var(--mantine-color-teal-9)' : 'var(--mantine-color-teal-7)'} />
        ))}
      </svg>
      <VisuallyHidden id={descId}>{description}</VisuallyHidden>
    </Box>
  );
}
