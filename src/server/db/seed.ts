import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashPassword, type Auth } from '../auth.js';
import type { Db } from './client.js';
import { account, departments, employees, settings, user } from './schema.js';
import { seedDemoAudit } from './seedAudit.js';
import { seedDemoGoals } from './seedGoals.js';
import { seedDemoSeries } from './seedSeries.js';

/** The fixed demo sign-ins, printed at first start and used by the end-to-end tests. */
export const demoAccounts = [
  { email: 'admin@demo.example', password: 'taiwa-demo', role: 'admin' },
  { email: 'hr@demo.example', password: 'taiwa-demo', role: 'hr' },
  { email: 'manager@demo.example', password: 'taiwa-demo', role: 'manager' },
  { email: 'member@demo.example', password: 'taiwa-demo', role: 'member' },
  { email: 'newcomer@demo.example', password: 'taiwa-demo', role: 'member' },
] as const;

export const DEMO_PASSWORD = 'taiwa-demo';
export const DEMO_ORGANISATION = '株式会社ハルカゼ';

type Dept = 'top' | 'planning' | 'dev' | 'product' | 'platform' | 'sales' | 'corporateSales' | 'hr' | 'admin';

const departmentTree: { key: Dept; name: string; parent: Dept | null }[] = [
  { key: 'top', name: '株式会社ハルカゼ', parent: null },
  { key: 'planning', name: '経営企画部', parent: 'top' },
  { key: 'dev', name: '開発本部', parent: 'top' },
  { key: 'product', name: 'プロダクト開発部', parent: 'dev' },
  { key: 'platform', name: '基盤技術部', parent: 'dev' },
  { key: 'sales', name: '営業本部', parent: 'top' },
  { key: 'corporateSales', name: '法人営業部', parent: 'sales' },
  { key: 'hr', name: '人事部', parent: 'top' },
  { key: 'admin', name: '情報システム部', parent: 'top' },
];

/** [key, family, given, family kana, given kana, title, department, manager key, email?, flags] */
type Person = [string, string, string, string, string, string, Dept, string | null, string?, ('hr' | 'admin')?];

const people: Person[] = [
  ['ceo', '高橋', '誠', 'タカハシ', 'マコト', '代表取締役社長', 'top', null],
  ['devHead', '佐藤', '健一', 'サトウ', 'ケンイチ', '開発本部長', 'dev', 'ceo'],
  ['salesHead', '伊藤', '直樹', 'イトウ', 'ナオキ', '営業本部長', 'sales', 'ceo'],
  ['planningHead', '山本', '由美', 'ヤマモト', 'ユミ', '経営企画部長', 'planning', 'ceo'],
  ['hrHead', '中村', '恵子', 'ナカムラ', 'ケイコ', '人事部長', 'hr', 'ceo'],
  ['manager', '田中', '美咲', 'タナカ', 'ミサキ', 'プロダクト開発部 部長', 'product', 'devHead', 'manager@demo.example'],
  ['member', '鈴木', '翔太', 'スズキ', 'ショウタ', 'ソフトウェアエンジニア', 'product', 'manager', 'member@demo.example'],
  ['newcomer', '小林', '陽菜', 'コバヤシ', 'ヒナ', 'ソフトウェアエンジニア(新卒)', 'product', 'manager', 'newcomer@demo.example'],
  ['p1', '加藤', '大輔', 'カトウ', 'ダイスケ', 'シニアエンジニア', 'product', 'manager'],
  ['p2', '吉田', '彩', 'ヨシダ', 'アヤ', 'プロダクトデザイナー', 'product', 'manager'],
  ['p3', '山田', '拓海', 'ヤマダ', 'タクミ', 'ソフトウェアエンジニア', 'product', 'manager'],
  ['p4', '佐々木', '葵', 'ササキ', 'アオイ', 'QAエンジニア', 'product', 'manager'],
  ['platformLead', '山口', '隆', 'ヤマグチ', 'タカシ', '基盤技術部 部長', 'platform', 'devHead'],
  ['f1', '松本', '悠斗', 'マツモト', 'ユウト', 'SRE', 'platform', 'platformLead'],
  ['f2', '井上', '真由', 'イノウエ', 'マユ', 'インフラエンジニア', 'platform', 'platformLead'],
  ['f3', '木村', '蓮', 'キムラ', 'レン', 'データエンジニア', 'platform', 'platformLead'],
  ['f4', '林', '千尋', 'ハヤシ', 'チヒロ', 'セキュリティエンジニア', 'platform', 'platformLead'],
  ['f5', '斎藤', '健太', 'サイトウ', 'ケンタ', 'SRE', 'platform', 'platformLead'],
  ['salesLead', '清水', '智子', 'シミズ', 'トモコ', '法人営業部 部長', 'corporateSales', 'salesHead'],
  ['s1', '山崎', '亮', 'ヤマザキ', 'リョウ', '営業', 'corporateSales', 'salesLead'],
  ['s2', '森', '結衣', 'モリ', 'ユイ', '営業', 'corporateSales', 'salesLead'],
  ['s3', '池田', '海斗', 'イケダ', 'カイト', 'インサイドセールス', 'corporateSales', 'salesLead'],
  ['s4', '橋本', '美穂', 'ハシモト', 'ミホ', 'カスタマーサクセス', 'corporateSales', 'salesLead'],
  ['s5', '阿部', '大和', 'アベ', 'ヤマト', '営業', 'corporateSales', 'salesLead'],
  ['s6', '石川', '愛', 'イシカワ', 'アイ', 'カスタマーサクセス', 'corporateSales', 'salesLead'],
  ['pl1', '前田', '俊介', 'マエダ', 'シュンスケ', '経営企画', 'planning', 'planningHead'],
  ['pl2', '藤田', '早紀', 'フジタ', 'サキ', '経営企画', 'planning', 'planningHead'],
  ['pl3', '後藤', '和也', 'ゴトウ', 'カズヤ', '財務', 'planning', 'planningHead'],
  ['hr', '岡田', '奈々', 'オカダ', 'ナナ', '人事(組織開発)', 'hr', 'hrHead', 'hr@demo.example', 'hr'],
  ['hr2', '長谷川', '浩二', 'ハセガワ', 'コウジ', '人事(労務)', 'hr', 'hrHead', undefined, 'hr'],
  ['hr3', '村上', '舞', 'ムラカミ', 'マイ', '採用担当', 'hr', 'hrHead'],
  ['admin', '近藤', '学', 'コンドウ', 'マナブ', '情報システム担当', 'admin', 'planningHead', 'admin@demo.example', 'admin'],
  ['a2', '坂本', '理沙', 'サカモト', 'リサ', '情報システム担当', 'admin', 'planningHead'],
  ['a3', '遠藤', '颯', 'エンドウ', 'ハヤテ', 'ヘルプデスク', 'admin', 'planningHead'],
  ['r1', '青木', '光', 'アオキ', 'ヒカル', 'ソフトウェアエンジニア', 'product', 'p1'],
  ['r2', '藤井', '美月', 'フジイ', 'ミヅキ', 'ソフトウェアエンジニア', 'product', 'p1'],
];

const romaji: Record<string, string> = {
  ceo: 'takahashi.makoto',
  devHead: 'sato.kenichi',
  salesHead: 'ito.naoki',
  planningHead: 'yamamoto.yumi',
  hrHead: 'nakamura.keiko',
  p1: 'kato.daisuke',
  p2: 'yoshida.aya',
  p3: 'yamada.takumi',
  p4: 'sasaki.aoi',
  platformLead: 'yamaguchi.takashi',
  f1: 'matsumoto.yuto',
  f2: 'inoue.mayu',
  f3: 'kimura.ren',
  f4: 'hayashi.chihiro',
  f5: 'saito.kenta',
  salesLead: 'shimizu.tomoko',
  s1: 'yamazaki.ryo',
  s2: 'mori.yui',
  s3: 'ikeda.kaito',
  s4: 'hashimoto.miho',
  s5: 'abe.yamato',
  s6: 'ishikawa.ai',
  pl1: 'maeda.shunsuke',
  pl2: 'fujita.saki',
  pl3: 'goto.kazuya',
  hr2: 'hasegawa.koji',
  hr3: 'murakami.mai',
  a2: 'sakamoto.risa',
  a3: 'endo.hayate',
  r1: 'aoki.hikaru',
  r2: 'fujii.mizuki',
};

/**
 * Seeds the fictional Japanese company used by the demo and the end-to-end tests: nested
 * departments, 36 employees over 4 levels of reporting lines, and the fixed demo sign-ins.
 * Everyone's password is `taiwa-demo`. Runs only on an empty organisation.
 */
export async function seedDemo(props: { db: Db; auth: Auth; now?: Date }): Promise<void> {
  const { db, auth } = props;
  const hash = await hashPassword(auth, DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7264212)`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(employees);
    if ((existing?.n ?? 0) > 0) return;
    await tx
      .insert(settings)
      .values({ key: 'organisationName', value: DEMO_ORGANISATION })
      .onConflictDoUpdate({ target: settings.key, set: { value: DEMO_ORGANISATION } });
    const deptIds = new Map<Dept, string>();
    for (const d of departmentTree) {
      const [row] = await tx
        .insert(departments)
        .values({ name: d.name, parentId: d.parent ? deptIds.get(d.parent)! : null })
        .returning({ id: departments.id });
      deptIds.set(d.key, row!.id);
    }
    const ids = new Map<string, string>();
    let n = 1;
    for (const [key, family, given, familyKana, givenKana, title, dept, managerKey, fixedEmail, flag] of people) {
      const userId = randomUUID();
      const email = fixedEmail ?? `${romaji[key] ?? key}@demo.example`;
      await tx.insert(user).values({ id: userId, name: `${family} ${given}`, email, emailVerified: true });
      await tx.insert(account).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash });
      const [row] = await tx
        .insert(employees)
        .values({
          userId,
          familyName: family,
          givenName: given,
          familyNameKana: familyKana,
          givenNameKana: givenKana,
          email,
          employeeNumber: `HK${String(n).padStart(4, '0')}`,
          title,
          departmentId: deptIds.get(dept)!,
          managerId: managerKey ? ids.get(managerKey)! : null,
          isHr: flag === 'hr',
          isAdmin: flag === 'admin',
        })
        .returning({ id: employees.id });
      ids.set(key, row!.id);
      n++;
    }
    await seedDemoSeries(tx, { now: props.now ?? new Date(), skipEmails: ['newcomer@demo.example'] });
    await seedDemoGoals(tx, { now: props.now ?? new Date() });
    await seedDemoAudit(tx, { now: props.now ?? new Date() });
  });
}
