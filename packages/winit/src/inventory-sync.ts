/**
 * Full and incremental syncs over pageInv (docs/protocols/winit.md §10.2): one paged walk per
 * segment (warehouse × serviceType × grade), resumable from a cursor, a change window kept across
 * a resume.
 */
import {
  type ChangesOptions,
  ConfigError,
  type InventoryRecord,
  type Page,
  pagedSync,
} from '@inv/core';
import {
  formatWinitTimestamp,
  type MerchandiseGrade,
  merchandiseGradeSchema,
  type PageInvData,
  pagedDataSchema,
  readPagedData,
  type ServiceType,
  serviceTypeSchema,
  WINIT_ACTIONS,
  WINIT_MAX_PAGE_SIZE,
  winitReference,
  winitTimestampSchema,
} from '@inv/winit-protocol';
import { z } from 'zod';
import type { WinitClient } from './client.js';
import type { ResolvedWinitOptions } from './options.js';
import type { WinitListOptions, WinitWarehouse } from './provider-types.js';
import { toRecords } from './records.js';

/**
 * Resume point of a sync: the segment (warehouse × serviceType × grade, §10.2 [assumed]) and page to
 * fetch next, the page size the page numbers refer to, and the change window of `changes`.
 */
const cursorSchema = z.object({
  warehouseCode: z.string().min(1),
  serviceType: serviceTypeSchema,
  grade: merchandiseGradeSchema,
  pageNo: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(WINIT_MAX_PAGE_SIZE),
  startTime: winitTimestampSchema.nullish(),
  endTime: winitTimestampSchema.nullish(),
  /** The segment's totalCount when the cursor was made; a smaller one on resume means rows left. */
  seenTotal: z.number().int().min(0).nullish(),
});
type SyncCursor = z.infer<typeof cursorSchema>;

interface Segment {
  warehouseCode: string;
  serviceType: ServiceType;
  grade: MerchandiseGrade;
}

/** A segment with the change window every page of it is asked for (`null` for a full sync). */
interface WindowedSegment extends Segment {
  startTime: string | null;
  endTime: string | null;
}

/** The provider's syncs: `window` undefined for a full sync (`pages`), set for `changes`. */
export function createInventorySync(
  client: WinitClient,
  resolved: ResolvedWinitOptions,
  warehouses: (opts: { signal?: AbortSignal | undefined }) => Promise<WinitWarehouse[]>,
): (
  opts: WinitListOptions,
  window: { startTime: string; endTime: string } | undefined,
) => AsyncIterable<Page> {
  const segmentsFor = async (
    opts: { warehouseCodes?: readonly string[] | undefined; signal?: AbortSignal | undefined } & {
      serviceTypes?: readonly ServiceType[] | undefined;
      grades?: readonly MerchandiseGrade[] | undefined;
    },
  ): Promise<Segment[]> => {
    const codes =
      opts.warehouseCodes ??
      resolved.warehouseCodes ??
      (await warehouses({ signal: opts.signal })).map((w) => w.code);
    const serviceTypes = opts.serviceTypes ?? resolved.serviceTypes;
    const grades = opts.grades ?? resolved.grades;
    const segments: Segment[] = [];
    for (const warehouseCode of [...new Set(codes)].sort()) {
      for (const serviceType of serviceTypes) {
        for (const grade of grades) segments.push({ warehouseCode, serviceType, grade });
      }
    }
    return segments;
  };

  return (
    opts: WinitListOptions,
    window: { startTime: string; endTime: string } | undefined,
  ): AsyncIterable<Page> => {
    const kind = window ? 'changes' : 'pages';
    return pagedSync<InventoryRecord, WindowedSegment, SyncCursor>(
      {
        provider: 'winit',
        endpoint: 'Winit pageInv',
        cursorSchema,
        plan: async (cursor) => {
          // A resumed change sync keeps the window it started with, so page offsets stay valid.
          const range =
            cursor?.startTime && cursor.endTime
              ? { startTime: cursor.startTime, endTime: cursor.endTime }
              : window;
          const segments = (await segmentsFor(opts)).map((segment) => ({
            ...segment,
            startTime: range?.startTime ?? null,
            endTime: range?.endTime ?? null,
          }));
          if (!cursor) return { segments };
          const index = segments.findIndex(
            (s) =>
              s.warehouseCode === cursor.warehouseCode &&
              s.serviceType === cursor.serviceType &&
              s.grade === cursor.grade,
          );
          if (index < 0) {
            throw new ConfigError(
              'cursor',
              `resumes ${cursor.warehouseCode}/${cursor.serviceType}/${cursor.grade}, which this sync does not cover; pass the same warehouseCodes, serviceTypes and grades as the run that produced it`,
              { provider: 'winit' },
            );
          }
          return {
            segments,
            resume: {
              segment: index,
              page: cursor.pageNo,
              pageSize: cursor.pageSize,
              seenTotal: cursor.seenTotal,
            },
          };
        },
        pageSize: opts.pageSize ?? resolved.pageSize,
        maxPageSize: WINIT_MAX_PAGE_SIZE,
        operation: ({ segment, page }) =>
          `inventory.${kind} ${segment.warehouseCode}/${segment.serviceType}/${segment.grade} page ${page}`,
        fetchPage: async ({ segment, page, pageSize, operation }, signal) => {
          const data: PageInvData = {
            warehouseCodes: segment.warehouseCode,
            serviceType: segment.serviceType,
            merchandiseGrade: segment.grade,
            startTime: segment.startTime ?? undefined,
            endTime: segment.endTime ?? undefined,
            pageVo: { pageNo: page, pageSize },
          };
          const answer = await client.call(WINIT_ACTIONS.pageInv, data, {
            schema: pagedDataSchema,
            signal,
            operation,
          });
          const { paging, list } = readPagedData(answer);
          // pages = ceil(totalCount / pageSize); stop at the last page or an empty list (§10.2 [assumed]).
          const lastPage =
            paging.totalCount === undefined ? undefined : Math.ceil(paging.totalCount / pageSize);
          return {
            items: toRecords(list, operation),
            total: paging.totalCount,
            last:
              list.length === 0 ||
              (lastPage === undefined ? list.length < pageSize : page >= lastPage),
          };
        },
        cursor: ({ segment, page, pageSize, seenTotal }) => ({
          warehouseCode: segment.warehouseCode,
          serviceType: segment.serviceType,
          grade: segment.grade,
          pageNo: page,
          pageSize,
          startTime: segment.startTime,
          endTime: segment.endTime,
          seenTotal,
        }),
        key: (record) => record.key,
        paths: { items: 'data.list', total: 'data.pageParams.totalCount' },
        rowCountHint: ` (pages = ceil(totalCount / pageSize), assumed in ${winitReference('10.2')}: is the gateway cutting pageSize or losing rows between pages?)`,
      },
      { cursor: opts.cursor, signal: opts.signal },
    );
  };
}

/** The pageInv window of `changes`, in the envelope's format and zone. */
export function changeWindow(
  resolved: ResolvedWinitOptions,
  opts: ChangesOptions,
): { startTime: string; endTime: string } {
  const since = opts.since?.getTime();
  const until = opts.until?.getTime() ?? resolved.nowMs();
  if (since === undefined || !Number.isFinite(since)) {
    throw new ConfigError('since', 'is required: pass the Date the change window starts at', {
      provider: 'winit',
    });
  }
  if (!Number.isFinite(until) || until < since) {
    throw new ConfigError('until', 'must be a valid Date at or after `since`', {
      provider: 'winit',
    });
  }
  // Change windows use the envelope's format and zone (§9 [assumed]), truncated to the second, so
  // consecutive windows [a, b) and [b, c) neither overlap nor leave a gap.
  return {
    startTime: formatWinitTimestamp(since, resolved.utcOffsetMinutes),
    endTime: formatWinitTimestamp(until, resolved.utcOffsetMinutes),
  };
}
