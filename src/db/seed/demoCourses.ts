// Demo online courses for Hongkou (issue 11): the district early-education centre's sleep course (a video and an
// article with its check), the community health centre's fever-care article, a kindergarten point's language video,
// and a draft still being written. Some demo families completed them (the demo guardian one course, another half
// watched), so the H5's progress line and the console's completion counts are not empty. Invented content; the video
// and picture are generated test images (src/db/seed/assets).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ArticleBlock, DB, QuizQuestion } from '../schema.ts';
import type { FieldCipher } from '../../server/crypto.ts';
import type { FileStore } from '../../server/files.ts';
import { probeMp4 } from '../../server/video.ts';
import { storeUpload } from '../../server/uploads.ts';
import { DEMO_GUARDIAN_PHONE } from './demo.ts';

const ASSETS = path.join(import.meta.dirname, 'assets');

interface DemoCourse {
  provider: string;
  title: string;
  topic: string;
  ages: [number, number];
  leader: string;
  summary: string;
  video: boolean;
  /** Paragraphs; `IMAGE` marks where the article's picture goes. */
  article: string[];
  quiz: QuizQuestion[];
  status: 'published' | 'draft';
}

const IMAGE = '[图片]';

const COURSES: DemoCourse[] = [
  {
    provider: '虹口区早期教育指导中心',
    title: '宝宝睡整觉:从入睡仪式开始',
    topic: 'sleep',
    ages: [12, 36],
    leader: '沈老师(早教中心)',
    summary: '1–3 岁幼儿的作息安排、入睡仪式和夜醒应对,看视频再读要点。',
    video: true,
    article: [
      '1–3 岁的幼儿每天需要 11–14 小时睡眠(含午睡)。固定的起床和入睡时间,比“困了再睡”更容易让孩子睡得安稳。',
      IMAGE,
      '入睡仪式宜简短、每天相同:洗澡、换睡衣、刷牙、讲一个故事、关灯。整个过程控制在 30 分钟内,睡前一小时不看屏幕。',
      '夜里醒来时先观察,不急于抱起或开灯;轻拍、轻声安抚,让孩子学会自己重新入睡。',
    ],
    quiz: [
      { question: '睡前一小时比较合适的做法是?', options: ['看动画片放松', '进行固定的入睡仪式', '做追逐游戏消耗体力'], answer: 1 },
      { question: '孩子夜醒时,首先应当?', options: ['立即开灯抱起', '先观察,轻拍安抚', '喂奶哄睡'], answer: 1 },
    ],
    status: 'published',
  },
  {
    provider: '四川北路街道社区卫生服务中心',
    title: '孩子发热了,家里怎么护理',
    topic: 'illness',
    ages: [6, 36],
    leader: '陈医生(全科)',
    summary: '体温怎么量、什么时候用退热药、哪些情况要马上就医。',
    video: false,
    article: [
      '腋下体温 37.3℃ 以上为发热。测量前擦干腋窝,体温计夹紧 5 分钟。刚进食、哭闹或洗澡后,休息半小时再量。',
      '体温 38.5℃ 以上、或孩子明显不适时,可按说明书剂量使用对乙酰氨基酚或布洛芬,两次用药间隔不少于 4–6 小时,不要两种药交替使用。',
      IMAGE,
      '出现以下情况请立即就医:3 个月以下婴儿发热;精神差、嗜睡难以唤醒;抽搐;呼吸急促;持续高热超过 3 天;皮疹按压不褪色。',
      '发热期间多喝水,穿着宽松透气,不要捂汗。宝宝屋入托时晨检体温达到 37.3℃ 会暂不入托,请家长理解。',
    ],
    quiz: [
      { question: '两次退热药之间至少间隔多久?', options: ['1 小时', '4–6 小时', '不需要间隔'], answer: 1 },
      { question: '下列哪种情况需要立即就医?', options: ['体温 37.5℃ 但玩耍正常', '抽搐或嗜睡难以唤醒', '出汗后体温下降'], answer: 1 },
      { question: '发热时应该怎样穿衣?', options: ['多盖被子捂汗', '宽松透气', '穿得越厚越好'], answer: 1 },
    ],
    status: 'published',
  },
  {
    provider: '虹口区实验幼儿园早教点',
    title: '一岁半宝宝的语言启蒙',
    topic: 'language',
    ages: [12, 30],
    leader: '李老师(早教点)',
    summary: '在日常照料中多说、多回应:跟着孩子的兴趣说出物品和动作的名称。',
    video: true,
    article: [],
    quiz: [],
    status: 'published',
  },
  {
    provider: '虹口区早期教育指导中心',
    title: '辅食添加的顺序与分量(编写中)',
    topic: 'feeding',
    ages: [6, 24],
    leader: '沈老师(早教中心)',
    summary: '',
    video: false,
    article: ['从强化铁的米粉开始,逐步加入蔬菜泥、果泥和肉泥……'],
    quiz: [],
    status: 'draft',
  },
];

export async function seedDemoCourses(db: Kysely<DB>, cipher: FieldCipher, files: FileStore, now: Date): Promise<void> {
  const clock = { now: () => now };
  const providers = await db
    .selectFrom('guidance_provider as p')
    .innerJoin('app_user as u', (j) => j.onRef('u.provider_id', '=', 'p.id').on('u.role', '=', 'guidance_provider'))
    .select(['p.id', 'p.name', 'p.street_id', 'u.id as guide_id'])
    .execute();
  const picture = fs.readFileSync(path.join(ASSETS, 'demo-article.jpg'));
  /** The demo video, stored for one course as an upload would be. */
  const storeVideo = async () => {
    const key = crypto.randomUUID();
    await files.putStream(key, fs.createReadStream(path.join(ASSETS, 'demo-course.mp4')));
    const facts = await probeMp4(files, key);
    if (!facts) throw new Error('the demo video is not an H.264 MP4');
    return { video_key: key, video_bytes: await files.size(key), video_seconds: facts.seconds, video_codec: facts.codec };
  };
  let seconds = 0;
  const ids: string[] = [];
  for (const [i, c] of COURSES.entries()) {
    const p = providers.find((x) => x.name === c.provider);
    if (!p) continue;
    const created = new Date(now.getTime() - (40 - i * 7) * 86_400_000);
    const video = c.video ? await storeVideo() : null;
    if (video) seconds = video.video_seconds;
    const course = await db
      .insertInto('guidance_course')
      .values({
        provider_id: p.id,
        street_id: p.street_id,
        title: c.title,
        topic: c.topic,
        min_age_months: c.ages[0],
        max_age_months: c.ages[1],
        leader: c.leader,
        summary: c.summary,
        quiz: JSON.stringify(c.quiz),
        ...video,
        created_by: p.guide_id,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(course.id);
    const article: ArticleBlock[] = [];
    for (const text of c.article) {
      if (text !== IMAGE) {
        article.push({ kind: 'text', text });
        continue;
      }
      const upload = { data: picture, filename: 'illustration.jpg', contentType: 'image/jpeg' as const, fields: {} };
      const fileId = await storeUpload({ db, files, cipher, clock }, upload, {}, p.guide_id, async (trx, id) => {
        await trx.insertInto('guidance_course_image').values({ course_id: course.id, file_id: id }).execute();
        return id;
      });
      article.push({ kind: 'image', fileId, caption: c.topic === 'sleep' ? '固定的入睡仪式' : '正确测量腋下体温' });
    }
    await db
      .updateTable('guidance_course')
      .set({ article: JSON.stringify(article), status: c.status, published_at: c.status === 'published' ? created : null })
      .where('id', '=', course.id)
      .execute();
  }
  await seedCompletions(db, ids, seconds, now);
}

/** A third of the accepted families completed the fever article, some the sleep course; the demo guardian one and a half. */
async function seedCompletions(db: Kysely<DB>, ids: string[], seconds: number, now: Date) {
  const [sleep, fever, language] = ids;
  const families = await db
    .selectFrom('family as f')
    .innerJoin('app_user as u', 'u.id', 'f.guardian_user_id')
    .select(['f.id', 'u.phone'])
    .where('f.status', '=', 'accepted')
    .orderBy('f.created_at')
    .execute();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const rows = families.flatMap((f, i) => {
    const guardian = f.phone === DEMO_GUARDIAN_PHONE;
    const out = [];
    if (guardian || i % 3 === 0) out.push({ course: fever, article: true, video: false, done: true, at: daysAgo(3 + (i % 20)) });
    if (i % 4 === 1) out.push({ course: sleep, article: true, video: true, done: true, at: daysAgo(2 + (i % 25)) });
    if (guardian) out.push({ course: language, article: false, video: 'half' as const, done: false, at: daysAgo(1) });
    return out.map((o) => ({ family: f.id, ...o }));
  });
  for (const r of rows) {
    const watched: [number, number][] = r.video === true ? [[0, seconds]] : r.video === 'half' ? [[0, Math.round(seconds / 2)]] : [];
    await db
      .insertInto('course_progress')
      .values({
        course_id: r.course,
        family_id: r.family,
        watched: JSON.stringify(watched),
        watched_seconds: watched.reduce((s, [a, b]) => s + b - a, 0),
        last_report_at: watched.length ? r.at : null,
        article_read_at: r.article ? r.at : null,
        quiz_attempts: r.article ? 1 : 0,
        quiz_passed_at: r.article && r.done ? r.at : null,
        completed_at: r.done ? r.at : null,
        started_at: new Date(r.at.getTime() - 15 * 60_000),
        updated_at: r.at,
      })
      .execute();
  }
}
