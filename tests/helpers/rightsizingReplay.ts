/**
 * Cost Explorer rightsizing through the real SDK against the replay server: the recorded two
 * pages of GetRightsizingRecommendation (page 2 answers the request that carries page 1's
 * NextPageToken), shared by the tests of the queries built on it.
 */
import { fixture, useReplayServer } from '../sources/costExplorerHarness';

export const GET_RIGHTSIZING = 'AWSInsightsIndexService.GetRightsizingRecommendation';
const PAGE_1 = fixture('get-rightsizing-recommendation.page1.json');
const PAGE_2 = fixture('get-rightsizing-recommendation.page2.json');
const PAGE_2_TOKEN: string = (PAGE_1.body as { NextPageToken: string }).NextPageToken;

/** The replay server for the calling test file (useReplayServer) and `twoPages()`, which routes both pages. */
export function useRightsizingReplay(): { replay: ReturnType<typeof useReplayServer>; twoPages: () => void } {
  const replay = useReplayServer();
  const twoPages = () =>
    replay.server.route(GET_RIGHTSIZING, (req) => (req.json.NextPageToken === PAGE_2_TOKEN ? PAGE_2 : PAGE_1));
  return { replay, twoPages };
}
