// Making an online course (§5.4): its basics, the video (uploaded with a progress bar, checked by the server as an
// H.264 MP4 within the district's size limit), the article as paragraphs and images in order, and the short check
// families answer. A new course is saved as a draft first; the video and images then belong to it.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, FileImageOutlined, FontSizeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, post, put, upload, uploadWithProgress } from '../../common/api.ts';
import type { Res } from '../../common/wire.ts';
import { formatClock, formatFileSize } from '../../../shared/format.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { showFormError } from '../components/formErrors.ts';
import { CourseStatusTag } from './CoursesPage.tsx';

type Course = Res<'/api/courses/{id}', 'get'>;
type Topic = Res<'/api/guidance/topics', 'get'>[number];
type Block = Course['article'][number];
interface Values {
  title: string;
  topic: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  leader: string;
  summary?: string;
  article: Block[];
  quiz: { question: string; options: string[]; answer: number }[];
}
const FIELDS = ['title', 'topic', 'minAgeMonths', 'maxAgeMonths', 'leader', 'summary', 'article', 'quiz'];

export function CourseEditorPage() {
  const { id: param } = useParams();
  const id = param === 'new' ? null : (param ?? null);
  const course = useApi<Course>(id ? `/api/courses/${id}` : null);
  if (id && course.error) return <LoadError error={course.error} onRetry={course.reload} />;
  if (id && !course.data) return <Loading />;
  return <Editor key={id ?? 'new'} course={course.data ?? null} reload={course.reload} />;
}

function Editor({ course, reload }: { course: Course | null; reload: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const topics = useApi<Topic[]>('/api/guidance/topics');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.setFieldsValue(
      course
        ? {
            title: course.title,
            topic: course.topic,
            minAgeMonths: course.minAgeMonths,
            maxAgeMonths: course.maxAgeMonths,
            leader: course.leader,
            summary: course.summary,
            article: course.article,
            quiz: course.quiz,
          }
        : { minAgeMonths: 12, maxAgeMonths: 36, article: [], quiz: [] },
    );
  }, [course, form]);

  const save = async (then?: 'publish') => {
    const v = await form.validateFields();
    const body = { ...v, summary: v.summary ?? '', article: v.article ?? [], quiz: v.quiz ?? [] };
    setSaving(true);
    try {
      if (!course) {
        const { id } = await post<{ id: string }>('/api/courses', body);
        message.success(t('courses.editor.created'));
        navigate(`/courses/${id}`, { replace: true });
        return;
      }
      await put(`/api/courses/${course.id}`, body);
      if (then === 'publish') {
        await post(`/api/courses/${course.id}/publish`);
        message.success(t('courses.published'));
      } else message.success(t('courses.editor.saved'));
      reload();
    } catch (err) {
      showFormError(form, err, FIELDS, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={course ? course.title : t('courses.editor.newTitle')}
        crumbs={[
          { title: t('courses.editor.back'), to: '/courses' },
          { title: course ? t('courses.editor.editTitle') : t('courses.editor.newTitle') },
        ]}
        tags={course && <CourseStatusTag status={course.status} />}
        extra={
          <>
            <Button onClick={() => save()} loading={saving} type={course?.status === 'draft' ? 'default' : 'primary'} data-qa="course-save">
              {course ? t('courses.editor.save') : t('courses.editor.saveDraft')}
            </Button>
            {course && course.status !== 'published' && (
              <Button type="primary" onClick={() => save('publish')} loading={saving} data-qa="course-save-publish">
                {t('courses.publish')}
              </Button>
            )}
          </>
        }
      />
      <Form form={form} layout="vertical" requiredMark="optional" data-qa="course-form">
        <Flex vertical gap={16}>
          <Card title={t('courses.editor.basics')} variant="borderless">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="title" label={t('courses.editor.title')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                  <Input maxLength={60} data-qa="course-field-title" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="topic" label={t('courses.editor.topic')} rules={[{ required: true }]}>
                  <Select
                    loading={topics.loading}
                    options={(topics.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
                    data-qa="course-field-topic"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="leader" label={t('courses.editor.leader')} rules={[{ required: true, whitespace: true, max: 40 }]}>
                  <Input maxLength={40} data-qa="course-field-leader" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="minAgeMonths" label={t('courses.editor.minAge')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={72} suffix={t('courses.editor.months')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="maxAgeMonths" label={t('courses.editor.maxAge')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={72} suffix={t('courses.editor.months')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="summary" label={t('courses.editor.summary')} rules={[{ max: 500 }]}>
                  <Input.TextArea rows={2} maxLength={500} placeholder={t('courses.editor.summaryPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <VideoCard course={course} onUploaded={reload} />
          <ArticleCard courseId={course?.id ?? null} />
          <QuizCard />
        </Flex>
      </Form>
    </>
  );
}

function VideoCard({ course, onUploaded }: { course: Course | null; onUploaded: () => void }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const locked = course?.status === 'published';
  const choose = async (file: File) => {
    if (!course) return;
    const data = new FormData();
    data.append('file', file);
    setProgress(0);
    try {
      await uploadWithProgress(`/api/courses/${course.id}/video`, data, setProgress);
      message.success(t('courses.editor.uploaded'));
      onUploaded();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      message.error(err.title);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Card title={t('courses.editor.video')} variant="borderless" data-qa="course-video">
      <Typography.Paragraph type="secondary">{t('courses.editor.videoHint', { mb: course?.maxVideoMb ?? 500 })}</Typography.Paragraph>
      {!course ? (
        <Typography.Text type="secondary">{t('courses.editor.saveFirst')}</Typography.Text>
      ) : (
        <Flex vertical gap={12} align="start">
          {course.video ? (
            <>
              {/* biome-ignore lint/a11y/useMediaCaption: teaching videos are uploaded without caption tracks */}
              <video
                src={`/api/courses/${course.id}/video`}
                controls
                preload="metadata"
                style={{ width: 360, maxWidth: '100%', borderRadius: 8, background: '#000' }}
                data-qa="course-video-preview"
              />
              <Typography.Text data-qa="course-video-info">
                {t('courses.editor.videoInfo', { time: formatClock(course.video.seconds), size: formatFileSize(course.video.bytes) })}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('courses.editor.videoNone')}</Typography.Text>
          )}
          {progress !== null && <Progress percent={Math.round(progress * 100)} style={{ width: 360 }} data-qa="course-video-progress" />}
          {locked ? (
            <Typography.Text type="secondary">{t('courses.editor.videoLocked')}</Typography.Text>
          ) : (
            <Upload
              accept="video/mp4"
              showUploadList={false}
              beforeUpload={(f) => {
                void choose(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={progress !== null} data-qa="course-video-upload">
                {course.video ? t('courses.editor.replaceVideo') : t('courses.editor.uploadVideo')}
              </Button>
            </Upload>
          )}
        </Flex>
      )}
    </Card>
  );
}

function ArticleCard({ courseId }: { courseId: string | null }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  return (
    <Card title={t('courses.editor.article')} variant="borderless" data-qa="course-article">
      <Typography.Paragraph type="secondary">{t('courses.editor.articleHint')}</Typography.Paragraph>
      <Form.List name="article">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <ArticleBlockRow
                key={field.key}
                courseId={courseId}
                name={field.name}
                onRemove={() => remove(field.name)}
                onUp={index > 0 ? () => move(index, index - 1) : undefined}
              />
            ))}
            <Space>
              <Button icon={<FontSizeOutlined />} onClick={() => add({ kind: 'text', text: '' })} data-qa="course-add-text">
                {t('courses.editor.addText')}
              </Button>
              <Upload
                accept="image/jpeg,image/png"
                showUploadList={false}
                disabled={!courseId}
                beforeUpload={(file) => {
                  if (!courseId) return false;
                  const data = new FormData();
                  data.append('file', file);
                  setUploading(true);
                  upload<{ fileId: string }>(`/api/courses/${courseId}/images`, data)
                    .then(({ fileId }) => add({ kind: 'image', fileId, caption: '' }))
                    .catch((err) => message.error(err instanceof ApiError ? err.title : String(err)))
                    .finally(() => setUploading(false));
                  return false;
                }}
              >
                <Button icon={<FileImageOutlined />} disabled={!courseId} loading={uploading} data-qa="course-add-image">
                  {t('courses.editor.addImage')}
                </Button>
              </Upload>
              {!courseId && <Typography.Text type="secondary">{t('courses.editor.saveFirst')}</Typography.Text>}
            </Space>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

function ArticleBlockRow(props: { courseId: string | null; name: number; onRemove: () => void; onUp?: () => void }) {
  const form = Form.useFormInstance<Values>();
  const block = Form.useWatch(['article', props.name], form) as Block | undefined;
  const tools = (
    <Space size={0}>
      {props.onUp && (
        <Button type="link" size="small" onClick={props.onUp}>
          {t('courses.editor.moveUp')}
        </Button>
      )}
      <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={props.onRemove} aria-label={t('courses.editor.remove')} />
    </Space>
  );
  if (block?.kind === 'image')
    return (
      <Flex gap={12} align="start" data-qa="course-block-image">
        <Form.Item name={[props.name, 'kind']} hidden>
          <Input />
        </Form.Item>
        <Form.Item name={[props.name, 'fileId']} hidden>
          <Input />
        </Form.Item>
        {block.fileId && (
          <img
            src={`/api/courses/${props.courseId}/images/${block.fileId}`}
            alt={block.caption || t('courses.editor.addImage')}
            style={{ width: 160, height: 100, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
          />
        )}
        <Form.Item name={[props.name, 'caption']} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 100 }]}>
          <Input placeholder={t('courses.editor.imageCaption')} maxLength={100} />
        </Form.Item>
        {tools}
      </Flex>
    );
  return (
    <Flex gap={12} align="start" data-qa="course-block-text">
      <Form.Item name={[props.name, 'kind']} hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name={[props.name, 'text']}
        style={{ flex: 1, marginBottom: 0 }}
        rules={[{ required: true, whitespace: true, max: 4000 }]}
        aria-label={t('courses.editor.paragraph')}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} placeholder={t('courses.editor.paragraph')} />
      </Form.Item>
      {tools}
    </Flex>
  );
}

function QuizCard() {
  return (
    <Card title={t('courses.editor.quiz')} variant="borderless" data-qa="course-quiz">
      <Typography.Paragraph type="secondary">{t('courses.editor.quizHint')}</Typography.Paragraph>
      <Form.List name="quiz">
        {(questions, { add, remove }) => (
          <Flex vertical gap={16}>
            {questions.map((q, i) => (
              <Card
                key={q.key}
                size="small"
                title={t('courses.editor.question', { n: i + 1 })}
                extra={
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(q.name)}
                    aria-label={t('courses.editor.remove')}
                  />
                }
                data-qa="course-question"
              >
                <Form.Item
                  name={[q.name, 'question']}
                  label={t('courses.editor.questionText')}
                  rules={[{ required: true, whitespace: true, max: 200 }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[q.name, 'answer']} label={t('courses.editor.correct')} rules={[{ required: true }]}>
                  <Radio.Group style={{ width: '100%' }}>
                    <Form.List name={[q.name, 'options']}>
                      {(options, { add: addOption, remove: removeOption }) => (
                        <Flex vertical gap={8}>
                          {options.map((o, j) => (
                            <Flex key={o.key} gap={8} align="center">
                              <Radio value={j} aria-label={t('courses.editor.correct')} />
                              <Form.Item name={o.name} noStyle rules={[{ required: true, whitespace: true, max: 100 }]}>
                                <Input placeholder={t('courses.editor.option', { n: j + 1 })} maxLength={100} style={{ flex: 1 }} />
                              </Form.Item>
                              {options.length > 2 && (
                                <Button
                                  type="link"
                                  size="small"
                                  danger
                                  icon={<DeleteOutlined />}
                                  onClick={() => removeOption(o.name)}
                                  aria-label={t('courses.editor.remove')}
                                />
                              )}
                            </Flex>
                          ))}
                          {options.length < 5 && (
                            <Button
                              type="dashed"
                              size="small"
                              icon={<PlusOutlined />}
                              onClick={() => addOption('')}
                              style={{ alignSelf: 'start' }}
                            >
                              {t('courses.editor.addOption')}
                            </Button>
                          )}
                        </Flex>
                      )}
                    </Form.List>
                  </Radio.Group>
                </Form.Item>
              </Card>
            ))}
            {questions.length < 10 && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ question: '', options: ['', ''], answer: 0 })}
                style={{ alignSelf: 'start' }}
                data-qa="course-add-question"
              >
                {t('courses.editor.addQuestion')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
