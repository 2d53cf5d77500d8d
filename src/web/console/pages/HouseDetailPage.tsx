// 宝宝屋详情: every fact of a house, its rooms with legal capacity and why, and the actions the house's
// permissions allow (edit, suspend/resume, rooms). The district and inspectors see it read-only.
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Popconfirm, Row, Table, Typography } from 'antd';
import {
  CalendarOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  MinusCircleFilled,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, del, post } from '../../common/api.ts';
import { formatArea, formatPlainDateZh, formatYuan } from '../../common/i18n.ts';
import type { House, Room } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useRules } from '../hooks/usePolicy.ts';
import { WEEKDAYS, capacityBasis, hoursOn } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { ALL_FACILITIES, ComplianceTags, StatusTag, insuranceText } from '../components/HouseTags.tsx';
import { RoomModal } from '../components/RoomModal.tsx';
import { EvidencePanel } from '../components/EvidencePanel.tsx';
import { useSession } from '../session.tsx';

export function OpeningHoursView({ hours }: { hours: House['openingHours'] }) {
  return (
    <div className="bbw-hours" data-qa="opening-hours">
      {WEEKDAYS.map((d) => {
        const h = hoursOn(hours, d);
        return (
          <div key={d} className={`bbw-hours-day${h ? '' : ' closed'}`}>
            <div className="bbw-hours-label">{t(`weekdays.${d}`)}</div>
            <div className="bbw-hours-time">{h ?? t('house.closed')}</div>
          </div>
        );
      })}
    </div>
  );
}

function FactList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Flex vertical gap={14}>
      {items.map((i) => (
        <Flex key={i.label} vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {i.label}
          </Typography.Text>
          <div>{i.value}</div>
        </Flex>
      ))}
    </Flex>
  );
}

function YesNo({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <span className="bbw-facility">
      {ok ? <CheckCircleFilled className="bbw-ok" /> : <CloseCircleFilled className="bbw-bad" />}
      {ok ? yes : no}
    </span>
  );
}

export function HouseDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const house = useApi<House>(`/api/houses/${id}`);
  const rules = useRules();
  const { can } = useSession();
  const [roomModal, setRoomModal] = useState<{ open: boolean; room: Room | null }>({ open: false, room: null });
  const [suspendOpen, setSuspendOpen] = useState(false);
  const [suspendForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  if (house.error) {
    return (
      <>
        <PageHeader title={t('nav.houses')} crumbs={[{ title: t('house.breadcrumb'), to: '/houses' }]} />
        <LoadError error={house.error} onRetry={house.reload} />
      </>
    );
  }
  if (!house.data) return <Loading />;
  const h = house.data;
  const p = h.permissions;
  const readOnly = !p.update && !p.suspend && !p.manageRooms && !p.manageFacts;
  const dash = <Typography.Text type="secondary">{t('house.notSet')}</Typography.Text>;

  async function suspend() {
    const suspendValues = await suspendForm.validateFields().catch(() => null);
    if (!suspendValues) return;
    const { reason } = suspendValues;
    setBusy(true);
    try {
      house.setData(await post<House>(`/api/houses/${h.id}/suspend`, { reason: reason.trim() }));
      message.success(t('house.suspended'));
      setSuspendOpen(false);
      suspendForm.resetFields();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    } finally {
      setBusy(false);
    }
  }

  async function resume() {
    try {
      house.setData(await post<House>(`/api/houses/${h.id}/resume`, {}));
      message.success(t('house.resumed'));
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  async function deleteRoom(room: Room) {
    try {
      await del(`/api/rooms/${room.id}`);
      message.success(t('rooms.deleted'));
      house.reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('house.breadcrumb'), to: '/houses' }, { title: h.name }]}
        title={h.name}
        tags={<StatusTag status={h.status} />}
        description={`${h.streetName} · ${h.address}`}
        extra={
          <>
            {can('session.read') && (
              <Button icon={<CalendarOutlined />} onClick={() => navigate(`/schedule?houseId=${h.id}`)} data-qa="house-schedule">
                {t('house.schedule')}
              </Button>
            )}
            {p.update && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/houses/${h.id}/edit`)} data-qa="house-edit">
                {t('house.edit')}
              </Button>
            )}
            {p.suspend && h.status === 'active' && (
              <Button danger icon={<PauseCircleOutlined />} onClick={() => setSuspendOpen(true)} data-qa="house-suspend">
                {t('house.suspend')}
              </Button>
            )}
            {p.suspend && h.status === 'suspended' && (
              <Popconfirm
                title={t('house.resumeConfirm', { name: h.name })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={resume}
              >
                <Button type="primary" icon={<PlayCircleOutlined />} data-qa="house-resume">
                  {t('house.resume')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {h.status === 'suspended' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="house-suspended-banner"
          title={t('house.suspendedBanner')}
          description={h.suspendedReason ? t('house.suspendedReasonLabel', { reason: h.suspendedReason }) : undefined}
        />
      )}
      {readOnly && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          style={{ marginBottom: 16 }}
          title={t('house.readOnlyNote')}
          data-qa="house-readonly"
        />
      )}

      <Card variant="borderless" title={t('house.sectionBasic')} className="bbw-card" extra={<ComplianceTags house={h} />}>
        <Descriptions
          column={2}
          bordered
          size="middle"
          styles={{ label: { width: 160 } }}
          items={[
            { key: 'street', label: t('house.street'), children: h.streetName },
            { key: 'status', label: t('house.status'), children: <StatusTag status={h.status} /> },
            { key: 'address', label: t('house.address'), children: h.address, span: 2 },
            { key: 'phone', label: t('house.phone'), children: h.phone ?? dash },
            {
              key: 'location',
              label: t('house.location'),
              children: h.latitude != null && h.longitude != null ? t('house.locationValue', { lat: h.latitude, lng: h.longitude }) : dash,
            },
            {
              key: 'price',
              label: t('house.hourlyPrice'),
              span: 2,
              children:
                typeof h.hourlyPriceFen === 'number' ? (
                  <Flex gap={8} align="baseline" wrap>
                    <Typography.Text strong data-qa="house-price">
                      {t('house.perHour', { price: formatYuan(h.hourlyPriceFen) })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('house.priceHint')}
                    </Typography.Text>
                  </Flex>
                ) : (
                  dash
                ),
            },
            {
              key: 'capacity',
              label: t('house.capacityTotal'),
              span: 2,
              children: (
                <Typography.Text strong data-qa="house-capacity-total">
                  {t('houses.persons', { n: h.legalCapacity })}
                </Typography.Text>
              ),
            },
            { key: 'hours', label: t('house.openingHours'), span: 2, children: <OpeningHoursView hours={h.openingHours} /> },
          ]}
        />
      </Card>

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={8}>
          <Card variant="borderless" title={t('house.sectionFacilities')} style={{ height: '100%' }}>
            <Flex vertical gap={12} data-qa="house-facilities">
              {ALL_FACILITIES.map((f) => (
                <span key={f} className="bbw-facility">
                  {h.facilities[f] ? (
                    <CheckCircleFilled className="bbw-ok" />
                  ) : f === 'outdoorArea' ? (
                    <MinusCircleFilled className="bbw-muted" />
                  ) : (
                    <CloseCircleFilled className="bbw-bad" />
                  )}
                  <span className={!h.facilities[f] && f === 'outdoorArea' ? 'bbw-muted' : undefined}>{t(`facilities.${f}`)}</span>
                </span>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col span={8}>
          <Card variant="borderless" title={t('house.sectionSafety')} style={{ height: '100%' }}>
            <FactList
              items={[
                {
                  label: t('house.cctvRetention'),
                  value: (
                    <Flex vertical>
                      <YesNo
                        ok={h.checks.cctvRetentionMet}
                        yes={t('house.days', { n: h.cctvRetentionDays })}
                        no={t('house.days', { n: h.cctvRetentionDays })}
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('house.cctvRequired', { days: h.checks.cctvRetentionRequiredDays })}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                {
                  label: t('house.cctvNetworked'),
                  value: <YesNo ok={h.cctvNetworked} yes={t('house.networked')} no={t('house.notNetworked')} />,
                },
                {
                  label: t('house.alarmNetworked'),
                  value: <YesNo ok={h.alarmNetworked} yes={t('house.networked')} no={t('house.notNetworked')} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card variant="borderless" title={t('house.sectionInsurance')} style={{ height: '100%' }}>
            <FactList
              items={[
                {
                  label: t('house.insuranceStatus'),
                  value: <YesNo ok={h.checks.insuranceCoversToday} yes={insuranceText(h)} no={insuranceText(h)} />,
                },
                { label: t('house.insurer'), value: h.insurer ?? dash },
                {
                  label: t('house.policyNo'),
                  value: h.insurancePolicyNo ? (
                    <span className="bbw-code" style={{ fontSize: 13, color: 'inherit' }}>
                      {h.insurancePolicyNo}
                    </span>
                  ) : (
                    dash
                  ),
                },
                {
                  label: t('house.period'),
                  value:
                    h.insuranceStart && h.insuranceEnd ? (
                      <span data-qa="insurance-period">
                        {formatPlainDateZh(h.insuranceStart)} – {formatPlainDateZh(h.insuranceEnd)}
                      </span>
                    ) : (
                      dash
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <EvidencePanel house={h} onFactsChanged={house.reload} />

      <Card
        variant="borderless"
        title={t('house.sectionRooms')}
        style={{ marginTop: 16 }}
        extra={
          p.manageRooms && (
            <Button
              type="primary"
              ghost
              icon={<PlusOutlined />}
              onClick={() => setRoomModal({ open: true, room: null })}
              data-qa="room-add"
            >
              {t('rooms.add')}
            </Button>
          )
        }
      >
        <Table<Room>
          rowKey="id"
          dataSource={h.rooms}
          pagination={false}
          loading={house.loading}
          locale={{ emptyText: t('rooms.empty') }}
          onRow={() => ({ 'data-qa': 'room-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('rooms.name'), dataIndex: 'name', render: (n: string) => <span data-qa="room-name">{n}</span> },
            { title: t('rooms.area'), dataIndex: 'areaM2', width: 140, align: 'right', render: (a: number) => formatArea(a) },
            {
              title: t('rooms.capacity'),
              dataIndex: 'legalCapacity',
              width: 140,
              align: 'right',
              render: (n: number) => (
                <Typography.Text strong data-qa="room-capacity">
                  {t('houses.persons', { n })}
                </Typography.Text>
              ),
            },
            {
              title: t('rooms.basis'),
              key: 'basis',
              render: (_, r) => (
                <Typography.Text type="secondary" data-qa="room-basis">
                  {capacityBasis(r, rules)}
                </Typography.Text>
              ),
            },
            ...(p.manageRooms
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 150,
                    render: (_: unknown, r: Room) => (
                      <Flex gap={4}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setRoomModal({ open: true, room: r })}>
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('rooms.deleteConfirm', { name: r.name })}
                          okText={t('common.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => deleteRoom(r)}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
          summary={(rows) =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('house.capacityTotal')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatArea(rows.reduce((s, r) => s + r.areaM2, 0))}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{t('houses.persons', { n: h.legalCapacity })}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} colSpan={p.manageRooms ? 2 : 1} />
              </Table.Summary.Row>
            ) : null
          }
        />
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
          {t('rooms.capacityHint')}
        </Typography.Paragraph>
      </Card>

      <RoomModal
        open={roomModal.open}
        room={roomModal.room}
        houseId={h.id}
        rules={rules}
        onClose={() => setRoomModal({ open: false, room: null })}
        onSaved={() => {
          setRoomModal({ open: false, room: null });
          house.reload();
        }}
      />

      <Modal
        open={suspendOpen}
        title={t('house.suspendTitle', { name: h.name })}
        onOk={suspend}
        confirmLoading={busy}
        onCancel={() => setSuspendOpen(false)}
        okText={t('house.suspendOk')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('house.suspendHint')} style={{ margin: '12px 0 16px' }} />
        <Form form={suspendForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('house.suspendReason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('house.suspendReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('house.suspendReasonPlaceholder')} data-qa="suspend-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
