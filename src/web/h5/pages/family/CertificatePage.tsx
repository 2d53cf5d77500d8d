// Uploading a child's health-check certificate (R13): a photo taken now or a picture / PDF from the phone, the
// exam date and the institution. Checked here first (JPG/PNG/PDF, ≤ 10 MB); the server checks the content.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Form, Input, List, Toast } from 'antd-mobile';
import { Navigate, useNavigate, useParams } from 'react-router';
import { get, ApiError } from '../../../common/api.ts';
import type { FamilyEnvelope } from '../../../common/familyTypes.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { setFamily } from '../../family/store.ts';
import { addYears, applyFieldErrors, editable, toLocalDate } from '../../family/helpers.ts';
import { DateField } from '../../family/fields.tsx';
import { kindOf, MAX_UPLOAD_BYTES, prepareCertificateFile, uploadCertificate } from '../../family/upload.ts';
import { useLoadedFamily, LockedNote } from '../../family/useFamilyPage.tsx';
import { FlowPage } from '../../components/FlowPage.tsx';
import { CameraIcon, DocIcon, ImageIcon } from '../../components/icons.tsx';
import { scrollToFirstError } from './RegisterPage.tsx';

function sizeText(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The file as a form control: two ways to choose it, then a preview with the way to choose again. */
function FilePickField({ value, onChange }: { value?: File | null; onChange?: (f: File | null) => void }) {
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const url = useMemo(() => (value && kindOf(value)?.startsWith('image/') ? URL.createObjectURL(value) : null), [value]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const pick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    e.target.value = '';
    if (f) onChange?.(f);
  };
  return (
    <div className="file-pick" data-qa="cert-file">
      <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={pick} data-qa="cert-camera-input" />
      <input
        ref={album}
        type="file"
        accept="image/jpeg,image/png,image/*,application/pdf"
        hidden
        onChange={pick}
        data-qa="cert-file-input"
      />
      {value ? (
        <div className="file-preview">
          {url ? (
            <img src={url} alt="" data-qa="cert-preview" />
          ) : (
            <div className="file-preview-doc">
              <DocIcon />
              <span>{kindOf(value) === 'application/pdf' ? t('family.cert.pdf') : (value.name.split('.').pop() ?? '').toUpperCase()}</span>
            </div>
          )}
          <div className="file-preview-meta">
            <span className="file-name">{value.name}</span>
            <span className="muted small">{sizeText(value.size)}</span>
          </div>
          <button type="button" className="text-button" onClick={() => album.current?.click()} data-qa="cert-repick">
            {t('family.upload.repick')}
          </button>
        </div>
      ) : (
        <div className="file-buttons">
          <button type="button" className="file-button" onClick={() => camera.current?.click()} data-qa="cert-camera">
            <CameraIcon />
            <span>{t('family.upload.camera')}</span>
          </button>
          <button type="button" className="file-button" onClick={() => album.current?.click()} data-qa="cert-album">
            <ImageIcon />
            <span>{t('family.upload.album')}</span>
          </button>
        </div>
      )}
    </div>
  );
}

export function CertificatePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const { family, placeholder } = useLoadedFamily();
  const [form] = Form.useForm();
  const [uploading, setUploading] = useState(false);
  const child = family?.children.find((c) => c.id === id);
  const today = me?.today ?? toLocalDate(new Date());

  if (family && !child) return <Navigate to="/family" replace />;

  async function submit() {
    let values: { file: File; examDate: string; institution: string };
    try {
      values = await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    setUploading(true);
    try {
      const file = await prepareCertificateFile(values.file);
      await uploadCertificate(id, { file, examDate: values.examDate, institution: values.institution.trim() }, me!.csrfToken);
      setFamily(await get<FamilyEnvelope>('/api/family'));
      Toast.show({ content: t('family.upload.done'), icon: 'success' });
      navigate(`/family/children/${id}`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        const left = applyFieldErrors(form, err, (p) => (['file', 'examDate', 'institution'].includes(String(p[0])) ? [p[0]] : null));
        Toast.show({ content: left[0] ?? err.title, position: 'center' });
      } else {
        Toast.show({ content: t('errors.INTERNAL'), position: 'center' });
      }
    } finally {
      setUploading(false);
    }
  }

  const footer =
    family && child && editable(family) ? (
      <Button
        block
        color="primary"
        shape="rounded"
        size="large"
        loading={uploading}
        loadingText={t('family.upload.submit')}
        onClick={() => void submit()}
        data-qa="cert-submit"
      >
        {t('family.upload.submit')}
      </Button>
    ) : null;

  return (
    <FlowPage title={t('family.upload.title')} qa="certificate-page" fallback={`/family/children/${id}`} footer={footer}>
      {placeholder}
      {family && child && !editable(family) && <LockedNote />}
      {family && child && editable(family) && (
        <>
          <p className="form-lead">{t('family.upload.forChild', { name: child.name })}</p>
          <Form form={form} className="bbw-form" layout="vertical">
            <List mode="card" className="form-card">
              <Form.Item
                name="file"
                label={t('family.upload.pickTitle')}
                rules={[
                  {
                    validator: async (_: unknown, f: unknown) => {
                      if (!(f instanceof File)) throw new Error(t('family.v.file'));
                      const kind = kindOf(f);
                      if (!kind) throw new Error(t('errors.FILE_TYPE_NOT_ALLOWED'));
                      if (kind === 'application/pdf' && f.size > MAX_UPLOAD_BYTES) throw new Error(t('errors.FILE_TOO_LARGE'));
                    },
                  },
                ]}
                description={<span className="muted small">{t('family.upload.hint')}</span>}
              >
                <FilePickField />
              </Form.Item>
            </List>
            <List mode="card" className="form-card">
              <Form.Item
                name="examDate"
                label={t('family.cert.examDate')}
                layout="horizontal"
                arrow
                rules={[{ required: true, message: t('family.v.examDate') }]}
              >
                <DateField
                  min={addYears(today, -1)}
                  max={today}
                  placeholder={t('family.upload.examDatePh')}
                  title={t('family.cert.examDate')}
                  qa="cert-exam-date"
                />
              </Form.Item>
              <Form.Item
                name="institution"
                label={t('family.cert.institution')}
                layout="horizontal"
                rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('family.v.institution') }]}
              >
                <Input placeholder={t('family.upload.institutionPh')} maxLength={60} data-qa="cert-institution" />
              </Form.Item>
            </List>
          </Form>
        </>
      )}
    </FlowPage>
  );
}
