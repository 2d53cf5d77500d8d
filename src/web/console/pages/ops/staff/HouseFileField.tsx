// A form field that uploads one file to the house (POST /api/houses/:id/files: a certificate scan, a photo of the
// alarm panel) and holds its id. JPEG, PNG or PDF up to 10 MB; the server checks the content again.
import { useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError, upload } from '../../../../common/api.ts';
import type { UploadedFile } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = ['image/jpeg', 'image/png', 'application/pdf'];

export function HouseFileField({
  houseId,
  onChange,
  qa,
}: {
  houseId: string;
  /** Set by Form.Item: the uploaded file's id, or null. */
  value?: string | null;
  onChange?: (fileId: string | null) => void;
  qa: string;
}) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Upload
      accept=".jpg,.jpeg,.png,.pdf"
      maxCount={1}
      fileList={files}
      onChange={({ fileList }) => setFiles(fileList.slice(-1))}
      onRemove={() => onChange?.(null)}
      beforeUpload={(file) => {
        const problem = !ALLOWED.includes(file.type) ? 'FILE_TYPE_NOT_ALLOWED' : file.size > MAX_BYTES ? 'FILE_TOO_LARGE' : null;
        if (problem) {
          message.error(t(`errors.${problem}`));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const form = new FormData();
        form.append('file', file as File);
        upload<UploadedFile>(`/api/houses/${houseId}/files`, form)
          .then((res) => {
            onChange?.(res.id);
            onSuccess?.(res);
          })
          .catch((err: unknown) => {
            onChange?.(null);
            if (err instanceof ApiError) message.error(err.title);
            onError?.(err as Error);
          });
      }}
    >
      <Button icon={<UploadOutlined />} data-qa={qa}>
        {t('staff.uploadFile')}
      </Button>
    </Upload>
  );
}

/** A link that opens a house file (served only with the session) in a new tab. */
export function houseFileHref(fileId: string): string {
  return `/api/house-files/${fileId}`;
}
