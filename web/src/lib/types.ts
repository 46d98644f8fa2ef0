export interface Session {
  _id: string;
  name: string;
  description?: string;
  location?: string;
  startTime: string;
  endTime: string;
  isOpen: boolean;
  status: string;
  capacity?: number;
  checkInsCount: number;
  capacityEnforced?: boolean;
  requiresRegistration?: boolean;
  day?: number;
  autoOpenMinutesBefore?: number | null;
  autoEndGraceMinutes?: number | null;
  lateThresholdMinutes?: number | null;
}

export interface Participant {
  _id: string;
  name: string;
  email: string;
  organization?: string;
  phone?: string;
  qrCode: string;
  isActive: boolean;
  status: 'regular' | 'ambassador' | 'travel_grant';
  ambassadorPoints?: number;
  referredParticipantIds?: string[];
  travelGrantApplied?: boolean;
  travelGrantApproved?: boolean | null;
  notes?: string;
}

export type Badge = 'REGISTERED' | 'NOT_REGISTERED' | 'ALREADY_CHECKED_IN';

export interface Verification {
  participant: { _id: string; name: string; email: string; organization?: string; qrCode: string };
  session: { _id: string; name: string; isOpen: boolean; requiresRegistration: boolean; capacity: number | null; isAtCapacity: boolean };
  verification: {
    isRegistered: boolean;
    registrationStatus: string | null;
    isAlreadyCheckedIn: boolean;
    existingCheckIn?: { _id: string; checkInTime: string; method: string };
    badge: Badge;
    isAtCapacity: boolean;
  };
  actions: { canAccept: boolean; canDecline: boolean; acceptLabel: string; declineLabel: string };
  capacityInfo?: { current: number; max: number; remaining: number };
}

export interface CapacityInfo {
  capacity: number;
  checkInsCount: number;
  remaining: number;
  percentFull: number;
  isNearCapacity: boolean;
}

export interface User {
  id: string;
  username: string;
  role: 'admin' | 'staff' | 'viewer';
}
