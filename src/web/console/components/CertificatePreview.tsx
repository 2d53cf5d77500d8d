// A health-check certificate file shown in place: fetched with the session (every fetch is audited on the
// server), an image with zoom or a PDF in a frame. The file never gets a public address.
import { useEffect, useState } from 'react';
import { Button, Flex, Image, Result, Skeleton, Typography } from 'antd';
import { ExportOutlined, FilePdfOutlined, ReloadOutlined, ZoomInOutlined } from '@ant-design/icons';
import { t } from '../i18n/index.ts';

type State = { status: 'loading' } | { status: 'failed'; text: string } | { status: 'ready'; url: string; type: string };

export function CertificatePreview({ src, height = 260 }: { src: string; height?: number }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    setState({ status: 'loading' });
    fetch(src, { credentials: 'same-origin', headers: { 'Accept-Language': 'zh-CN' } })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { title?: string } | null;
          throw new Error(body?.title ?? t('registration.fileFailed'));
        }
        const blob = await res.blob();
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ status: 'ready', url, type: blob.type || res.headers.get('content-type') || '' });
      })
      .catch((err: unknown) => {
        if (!cancelled)
          setState({
            status: 'failed',
            text: err instanceof Error && err.message !== 'Failed to fetch' ? err.message : t('registration.fileFailed'),
          });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [src, attempt]);

  if (state.status === 'loading') {
    return (
      <div className="bbw-cert-frame" style={{ height }}>
        <Skeleton.Image active style={{ width: 160, height: 120 }} />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="bbw-cert-frame" style={{ height }} data-qa="certificate-error">
        <Result
          status="warning"
          title={state.text}
          style={{ padding: 8 }}
          extra={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => setAttempt((n) => n + 1)}>
              {t('state.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (state.type.includes('pdf')) {
    return (
      <Flex vertical gap={6}>
        <iframe
          src={state.url}
          title={t('registration.certificateFile')}
          className="bbw-cert-frame"
          style={{ height, width: '100%' }}
          data-qa="certificate-preview"
        />
        <Typography.Link href={state.url} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {t('registration.openPdf')} <ExportOutlined />
        </Typography.Link>
      </Flex>
    );
  }
  return (
    <div className="bbw-cert-frame" style={{ height }}>
      <Image
        src={state.url}
        alt={t('registration.certificateFile')}
        height={height - 16}
        style={{ objectFit: 'contain', maxWidth: '100%' }}
        data-qa="certificate-preview"
        preview={{
          cover: (
            <span>
              <ZoomInOutlined /> {t('registration.zoom')}
            </span>
          ),
        }}
      />
    </div>
  );
}
