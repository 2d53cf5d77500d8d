// What an uploaded course video really is, by its content: an MP4 (an ISO-BMFF `ftyp` box first) whose video track
// is H.264, with its duration from the movie header. mp4box (GPAC's parser) reads the boxes; it asks for the next
// byte position it needs, so a `moov` at the end of a large file is found without reading the media data.
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import type { FileStore } from './files.ts';

const CHUNK = 1024 * 1024;

export interface VideoFacts {
  seconds: number;
  /** e.g. `avc1.42c00c` */
  codec: string;
}

/** The facts of a stored H.264 MP4, or null when it is anything else (another codec, not an MP4, damaged). */
export async function probeMp4(files: FileStore, key: string): Promise<VideoFacts | null> {
  const size = await files.size(key);
  const head = await files.read(key, 0, 12);
  if (head.length < 12 || head.subarray(4, 8).toString('latin1') !== 'ftyp') return null;
  const file = createFile();
  let movie: Movie | null = null;
  let failed = false;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = () => {
    failed = true;
  };
  let position = 0;
  // Every step moves forward in the file, so this ends.
  while (!movie && !failed && position < size) {
    const data = await files.read(key, position, CHUNK);
    if (data.length === 0) break;
    const chunk = MP4BoxBuffer.fromArrayBuffer(data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer, position);
    let next: number | undefined;
    try {
      next = file.appendBuffer(chunk);
    } catch {
      return null;
    }
    position = next !== undefined && next > position ? next : position + data.length;
  }
  const info = movie as Movie | null;
  if (!info || !info.timescale || !info.duration) return null;
  const track = info.videoTracks[0];
  if (!track || !/^avc[13]\./.test(track.codec)) return null;
  return { seconds: info.duration / info.timescale, codec: track.codec };
}
