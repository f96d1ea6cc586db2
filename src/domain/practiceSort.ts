/** The columns hr's practice table sorts by (apart from formality.ts: the route reads them without the schemas). */
export const practiceSortKeys = ['name', 'signals', 'implementation', 'cancelled', 'prepared', 'reportTopics', 'statusMeetings', 'actionItems'] as const;
