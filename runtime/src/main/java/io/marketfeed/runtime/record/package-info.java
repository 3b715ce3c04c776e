/**
 * Recording what a feed receives, and replaying it: {@link io.marketfeed.runtime.record.FrameRecorder} (turned on
 * with {@link io.marketfeed.runtime.MarketFeed.Builder#record}) writes every received message with its receive time
 * and connection into compressed, rotated files ({@link io.marketfeed.runtime.record.RecordFormat});
 * {@link io.marketfeed.runtime.record.Replay} runs such a recording through the providers' decoders again.
 */
package io.marketfeed.runtime.record;
