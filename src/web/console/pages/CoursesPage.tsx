// 线上课程 (§5.4, T5): the on-demand courses in the viewer's scope — what each holds (a video, an article and its
// check), whether it is published and how many families completed it. A provider's 指导师 and a house's manager make,
// publish and withdraw their own (the editor is CourseEditorPage); streets and the district read.
import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ApiError, post } from '../../common/api.ts';
import type { Item, Res } from '../../common/wire.ts';
import { formatClock } from '../../../shared/format.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

export type Course = Item<Res<'/api/courses', 'get'>>;

const STATUS_COLORS: Record<Course['status'], string> = { draft: 'default', published: 'success', withdrawn: 'warning' };

export function CourseStatusTag({ status }: { status: Course['status'] }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-qa="course-status">
      {t(`courses.statuses.${status}`)}
    </Tag>
  );
}

/** 视频 4:05 · 图文 6 段 · 测验 3 题 */
export function contentText(c: Pick<Course, 'video' | 'article' | 'quiz'>): string {
  const parts = [
    c.video && t('courses.videoText', { time: formatClock(c.video.seconds) }),
    c.article.length > 0 && t('courses.articleText', { n: c.article.length }),
    c.quiz.length > 0 && t('courses.quizText', { n: c.quiz.length }),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('courses.noContent');
}

export function CoursesPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canManage = can('guidance.manage');
  const courses = useApi<Course[]>('/api/courses');

  const setStatus = async (c: Course, to: 'publish' | 'withdraw') => {
    try {
      await post(`/api/courses/${c.id}/${to}`);
      message.success(t(to === 'publish' ? 'courses.published' : 'courses.withdrawn'));
      courses.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      message.error(err.title);
    }
  };

  return (
    <>
      <PageHeader
        title={t('courses.title')}
        description={t('courses.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/courses/new')} data-qa="course-create">
              {t('courses.create')}
            </Button>
          )
        }
      />
      {!canManage && <Alert type="info" showIcon icon={<EyeOutlined />} style={{ marginBottom: 16 }} title={t('courses.readOnly')} />}
      {courses.error ? (
        <LoadError error={courses.error} onRetry={courses.reload} />
      ) : (
        <Card variant="borderless">
          <Table<Course>
            rowKey="id"
            loading={courses.loading}
            dataSource={courses.data ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('courses.empty') }}
            onRow={(c) => ({ 'data-qa': 'course-row', 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('courses.course'),
                key: 'title',
                render: (_, c) => (
                  <Flex vertical>
                    <Typography.Text strong data-qa="course-title">
                      {c.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.topicName} · {t('courses.ageBandText', { min: c.minAgeMonths, max: c.maxAgeMonths })} · {c.leader}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('courses.content'),
                key: 'content',
                width: 230,
                render: (_, c) => <span data-qa="course-content">{contentText(c)}</span>,
              },
              { title: t('courses.organiser'), dataIndex: 'organiser', key: 'organiser', width: 170 },
              { title: t('courses.status'), key: 'status', width: 90, render: (_, c) => <CourseStatusTag status={c.status} /> },
              {
                title: t('courses.completions'),
                key: 'completions',
                width: 100,
                render: (_, c) => <span data-qa="course-completions">{t('courses.completionsText', { n: c.completions })}</span>,
              },
              ...(canManage
                ? [
                    {
                      title: t('courses.actions'),
                      key: 'actions',
                      width: 150,
                      render: (_: unknown, c: Course) => (
                        <Space size={0} wrap>
                          <Link to={`/courses/${c.id}`} data-qa="course-edit">
                            <Button type="link" size="small">
                              {t('courses.edit')}
                            </Button>
                          </Link>
                          {c.status === 'published' ? (
                            <Popconfirm title={t('courses.withdrawConfirm')} onConfirm={() => setStatus(c, 'withdraw')}>
                              <Button type="link" size="small" danger data-qa="course-withdraw">
                                {t('courses.withdraw')}
                              </Button>
                            </Popconfirm>
                          ) : (
                            <Button type="link" size="small" onClick={() => setStatus(c, 'publish')} data-qa="course-publish">
                              {t('courses.publish')}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
    </>
  );
}
