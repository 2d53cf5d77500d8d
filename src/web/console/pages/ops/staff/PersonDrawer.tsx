// One person: the record, where they stand today (each required credential, may they be rostered), every
// credential they have held (newest first, with the scan) and their shifts of the next two weeks.
import type { HTMLAttributes } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { Credential, StaffRecord } from '../../../../common/opsTypes.ts';
import { formatDateZh, formatPlainDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { timeRange } from '../../../format.ts';
import { Requirements, RosterState } from './CredentialTags.tsx';
import { houseFileHref } from './HouseFileField.tsx';

function validityText(c: Credential): string {
  return c.validUntil ? formatPlainDateZh(c.validUntil) : t('staff.cred.noExpiry');
}

function ResultTag({ c }: { c: Credential }) {
  if (c.result === 'hit')
    return (
      <Tag color="magenta" icon={<StopOutlined />}>
        {t('staff.cred.resultHit')}
      </Tag>
    );
  if (c.result === 'clear') return <Tag color="success">{t('staff.cred.resultClear')}</Tag>;
  return null;
}

export function PersonDrawer({
  record,
  canManage,
  onClose,
  onEdit,
  onAddCredential,
}: {
  record: StaffRecord | undefined;
  canManage: boolean;
  onClose: () => void;
  onEdit: (r: StaffRecord) => void;
  onAddCredential: (r: StaffRecord) => void;
}) {
  const r = record;
  const dash = <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>;
  return (
    <Drawer
      open={!!r}
      onClose={onClose}
      size={820}
      destroyOnHidden
      data-qa="person-drawer"
      title={
        r && (
          <Flex gap={8} align="center">
            <span data-qa="person-name">{r.name}</span>
            <Tag>{t(`positions.${r.position}`)}</Tag>
            {r.leftOn && <Tag>{t('staff.left')}</Tag>}
            {r.barred && (
              <Tag color="magenta" icon={<StopOutlined />}>
                {t('staff.barred')}
              </Tag>
            )}
          </Flex>
        )
      }
      extra={
        r &&
        canManage && (
          <Flex gap={8}>
            <Button icon={<EditOutlined />} onClick={() => onEdit(r)} data-qa="person-edit">
              {t('common.edit')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => onAddCredential(r)} data-qa="cred-add">
              {t('staff.cred.add')}
            </Button>
          </Flex>
        )
      }
    >
      {r && (
        <Flex vertical gap={24}>
          {r.barred && <Alert type="error" showIcon title={t('staff.barredBanner')} />}
          <Descriptions
            column={2}
            bordered
            size="small"
            styles={{ label: { width: 120 } }}
            items={[
              {
                key: 'position',
                label: t('staff.col.position'),
                children: `${t(`positions.${r.position}`)} · ${t(`employment.${r.employment}`)}`,
              },
              { key: 'account', label: t('staff.form.account'), children: r.username ?? dash },
              { key: 'phone', label: t('staff.col.phone'), children: r.phoneMasked ?? dash },
              { key: 'hired', label: t('staff.col.hiredOn'), children: formatPlainDateZh(r.hiredOn) },
              ...(r.leftOn ? [{ key: 'left', label: t('staff.col.leftOn'), children: formatPlainDateZh(r.leftOn) }] : []),
              ...(r.position === 'manager'
                ? [
                    {
                      key: 'exp',
                      label: t('staff.form.experienceTitle'),
                      span: 2,
                      children:
                        r.experienceYears || r.experienceNote ? (
                          [r.experienceYears ? t('staff.experienceYears', { n: r.experienceYears }) : '', r.experienceNote ?? '']
                            .filter(Boolean)
                            .join(';')
                        ) : (
                          <Typography.Text type="danger">{t('staff.experienceMissing')}</Typography.Text>
                        ),
                    },
                  ]
                : []),
              { key: 'reqs', label: t('staff.col.credentials'), children: <Requirements record={r} /> },
              { key: 'roster', label: t('staff.col.roster'), children: <RosterState record={r} /> },
            ]}
          />

          <div>
            <Typography.Title level={5}>{t('staff.cred.history')}</Typography.Title>
            <Table<Credential>
              rowKey="id"
              size="small"
              dataSource={r.credentials}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('staff.cred.empty')} /> }}
              onRow={() => ({ 'data-qa': 'cred-row' }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('staff.cred.kind'), dataIndex: 'kind', width: 150, render: (k: string) => t(`credentialKinds.${k}`) },
                {
                  title: t('staff.cred.title'),
                  dataIndex: 'title',
                  render: (title: string, c) => (
                    <Flex vertical>
                      <span>
                        {title} <ResultTag c={c} />
                      </span>
                      {c.number && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('staff.cred.numberShort', { number: c.number })}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                },
                { title: t('staff.cred.issuedOn'), dataIndex: 'issuedOn', width: 170, render: (d: string) => formatPlainDateZh(d) },
                { title: t('staff.cred.validUntil'), key: 'until', width: 170, render: (_, c) => validityText(c) },
                {
                  title: t('staff.cred.file'),
                  dataIndex: 'fileId',
                  width: 80,
                  render: (id: string | null) =>
                    id ? (
                      <Typography.Link href={houseFileHref(id)} target="_blank" rel="noreferrer">
                        <FileTextOutlined /> {t('staff.cred.open')}
                      </Typography.Link>
                    ) : (
                      dash
                    ),
                },
              ]}
            />
          </div>

          {(r.shifts.length > 0 || r.position === 'volunteer') && (
            <div data-qa="person-shifts">
              <Typography.Title level={5}>{t('staff.shifts')}</Typography.Title>
              {r.shifts.length ? (
                <Flex vertical gap={6}>
                  {r.shifts.map((s) => (
                    <Flex key={s.sessionId} gap={12}>
                      <span style={{ width: 160 }}>{formatDateZh(s.date)}</span>
                      <span style={{ width: 110 }}>{timeRange(s.startsAt, s.endsAt)}</span>
                      <Typography.Text type="secondary">{s.roomName}</Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('staff.noShifts')}</Typography.Text>
              )}
            </div>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
